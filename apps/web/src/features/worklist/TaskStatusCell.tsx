import { Badge, Group, Text } from '@mantine/core';
import {
  CENTRE_CLOSED_FLAG,
  READING_STATUS_LOOK,
  TASK_TYPE_LOOK,
  type TaskType,
  type WorklistTask,
} from '@telerad/contracts';
import { ReadingStatusBadge, useStatusAudience } from '../../app/components/ReadingStatusBadge';
import { formatDateTime } from '../../app/format';

/** A task's type, in the words of `TASK_TYPE_LOOK` ("Primary", "Consultation", …). */
export function TaskTypeBadge({ type }: { type: TaskType }) {
  const look = TASK_TYPE_LOOK[type];
  return (
    <Badge
      color={look.color}
      variant="light"
      size="sm"
      radius="sm"
      miw="max-content"
      tt="none"
      title={look.label}
      data-type={type}
    >
      {look.short}
    </Badge>
  );
}

/**
 * What the SLA clock does in the task's status, in words: whether it has started, runs (a held
 * read's clock runs on: the clinic waits until the consultant releases the report) or stopped.
 */
export function slaClockNote(task: Pick<WorklistTask, 'status' | 'dueAt'>): string {
  const due = task.dueAt ? `due ${formatDateTime(task.dueAt)}` : 'no due time';
  if (task.status === 'held_for_consultation')
    return `The report waits for a consultant. The SLA clock keeps running until it is released (${due}).`;
  switch (READING_STATUS_LOOK[task.status].clock) {
    case 'not_started':
      return `The SLA clock starts when the centre opens (${due}).`;
    case 'running':
      return `The SLA clock is running (${due}).`;
    case 'stopped':
      return 'The SLA clock is stopped.';
  }
}

/**
 * Under a held read's countdown: its clock runs on while the consultant decides ("held" is the
 * centre's word; the clinic reads that the clock is still running).
 */
export function HeldClockNote() {
  const audience = useStatusAudience();
  return (
    <Text span size="xs" c="dimmed" ff="text" fw={400} display="block">
      {audience === 'clinic' ? 'clock still running' : 'runs while held'}
    </Text>
  );
}

/**
 * Who a task is with, in the audience's words: a clinic sees a held read as with the
 * consultant (not with the reader who signed it); staff see the reader who holds it.
 */
export function withWords(
  task: Pick<WorklistTask, 'status' | 'assigneeName'>,
  audience: 'staff' | 'clinic',
): string | null {
  if (audience === 'clinic' && task.status === 'held_for_consultation') return 'Consultant';
  return task.assigneeName;
}

/**
 * The worklist's State cell: the task's type (for staff, who see every type; a clinic's rows
 * are all its primary reads), its status as the server derived it, and a closed centre's flag.
 */
export function TaskStatusCell({ task }: { task: WorklistTask }) {
  const audience = useStatusAudience();
  const centre = task.centreName ? `Centre: ${task.centreName}.` : 'No centre yet.';
  const note =
    audience === 'clinic'
      ? `${READING_STATUS_LOOK[task.status].clinicNote} ${centre}`
      : `${slaClockNote(task)} ${centre}`;
  return (
    <Group gap={4} wrap="nowrap">
      {audience === 'staff' && <TaskTypeBadge type={task.type} />}
      <ReadingStatusBadge status={task.status} tooltip={note} />
      {task.flags.includes(CENTRE_CLOSED_FLAG) && (
        <Badge color="red" variant="outline" size="xs" radius="sm" miw="max-content">
          Centre closed
        </Badge>
      )}
    </Group>
  );
}
