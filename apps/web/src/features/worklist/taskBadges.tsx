import { Badge } from '@mantine/core';
import type { Priority, TaskState } from '@telerad/contracts';

const PRIORITY_LOOK: Record<Priority, { label: string; color: string; variant: string }> = {
  stat: { label: 'STAT', color: 'red', variant: 'filled' },
  urgent: { label: 'Urgent', color: 'orange', variant: 'light' },
  routine: { label: 'Routine', color: 'gray', variant: 'light' },
};

/** A task's priority: STAT red, urgent orange, routine gray. */
export function PriorityBadge({ priority }: { priority: Priority }) {
  const look = PRIORITY_LOOK[priority];
  return (
    <Badge color={look.color} variant={look.variant} size="sm" radius="sm" miw="max-content">
      {look.label}
    </Badge>
  );
}

/** Words for task states. */
export const STATE_LABELS: Record<TaskState, string> = {
  waiting: 'Waiting',
  queued: 'Queued',
  in_progress: 'In progress',
  awaiting_images: 'Awaiting retake',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

const STATE_COLORS: Record<TaskState, string> = {
  waiting: 'gray',
  queued: 'blue',
  in_progress: 'violet',
  awaiting_images: 'orange',
  completed: 'teal',
  cancelled: 'gray',
};

/** A task's state. */
export function TaskStateBadge({ state }: { state: TaskState }) {
  return (
    <Badge
      color={STATE_COLORS[state]}
      variant="dot"
      size="sm"
      radius="sm"
      miw="max-content"
      tt="none"
    >
      {STATE_LABELS[state]}
    </Badge>
  );
}
