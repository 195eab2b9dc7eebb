import { Text, Tooltip } from '@mantine/core';
import type { WorklistTask } from '@telerad/contracts';
import { formatDateTime } from '../../app/format';
import { formatMinutes, slaClock, slaColor } from './slaClock';
import { HeldClockNote, slaClockNote } from './TaskStatusCell';
import { useServerNow } from './useServerNow';
import { readerTimeZone, slaWords } from './waitingWords';

const LEVEL_WORDS = { ok: 'left', warn: 'left, due soon', overdue: 'overdue' } as const;

/**
 * The live SLA countdown of a task (`mm:ss` to its due time), amber when short, red past due.
 * A waiting task shows its target and when its clock starts instead, and every tooltip says
 * what the clock counts (`slaWords`).
 */
export function SlaCountdown({
  task,
  clockOffsetMs,
}: {
  task: Pick<
    WorklistTask,
    | 'dueAt'
    | 'queuedAt'
    | 'arrivedAt'
    | 'state'
    | 'turnaroundMinutes'
    | 'serviceTurnaroundMinutes'
    | 'centreName'
    | 'centreTimeZone'
    | 'slaMinutes'
    | 'status'
  >;
  clockOffsetMs: number;
}) {
  const now = useServerNow(clockOffsetMs);
  if (task.state === 'completed' && task.turnaroundMinutes !== null) {
    const service = task.serviceTurnaroundMinutes ?? task.turnaroundMinutes;
    return (
      <Tooltip
        label={`Turnaround ${formatMinutes(task.turnaroundMinutes)} on the clock, ${formatMinutes(service)} in service hours`}
        openDelay={400}
      >
        <Text
          span
          size="sm"
          ff="monospace"
          data-turnaround={task.turnaroundMinutes}
          aria-label={`Turnaround ${formatMinutes(service)} in service hours`}
          style={{ fontVariantNumeric: 'tabular-nums' }}
        >
          {formatMinutes(service)}
          {formatMinutes(service) !== formatMinutes(task.turnaroundMinutes) && (
            <Text span size="xs" c="dimmed">
              {' '}
              ({formatMinutes(task.turnaroundMinutes)})
            </Text>
          )}
        </Text>
      </Tooltip>
    );
  }
  const clock = task.state === 'completed' ? null : slaClock(task, now);
  const held = task.status === 'held_for_consultation';
  if (!clock) {
    return (
      <Text span size="sm" c="dimmed">
        —
      </Text>
    );
  }
  const words = slaWords(task, now, readerTimeZone());
  // A waiting task's clock has not started: show its target and start, not the hours to its due.
  if (words.short) {
    return (
      <Tooltip label={words.explain} multiline w={300} openDelay={200}>
        <Text
          span
          size="sm"
          c="dimmed"
          data-sla="waiting"
          aria-label={`${words.short}. ${words.explain}`}
          style={{ whiteSpace: 'nowrap' }}
        >
          {words.short}
        </Text>
      </Tooltip>
    );
  }
  return (
    <Tooltip
      label={held ? slaClockNote(task) : `Due ${formatDateTime(task.dueAt)}. ${words.explain}`}
      multiline
      w={300}
      openDelay={400}
    >
      <Text
        span
        size="sm"
        ff="monospace"
        fw={clock.level === 'ok' ? 400 : 700}
        c={slaColor(clock.level)}
        data-sla={clock.level}
        aria-label={`${clock.text} ${LEVEL_WORDS[clock.level]}${held ? ', held for consultation, clock running' : ''}`}
        style={{ fontVariantNumeric: 'tabular-nums' }}
      >
        {clock.text}
        {held && <HeldClockNote />}
      </Text>
    </Tooltip>
  );
}
