import { Text, Tooltip } from '@mantine/core';
import type { WorklistTask } from '@telerad/contracts';
import { formatDateTime } from '../../app/format';
import { formatMinutes, slaClock, slaColor } from './slaClock';
import { useServerNow } from './useServerNow';

const LEVEL_WORDS = { ok: 'left', warn: 'left, due soon', overdue: 'overdue' } as const;

/** The live SLA countdown of a task (`mm:ss` to its due time), amber when short, red past due. */
export function SlaCountdown({
  task,
  clockOffsetMs,
}: {
  task: Pick<
    WorklistTask,
    'dueAt' | 'queuedAt' | 'arrivedAt' | 'state' | 'turnaroundMinutes' | 'serviceTurnaroundMinutes'
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
  // A waiting task's due time lies past the next opening; its clock is not running yet.
  const waiting = task.state === 'waiting';
  if (!clock) {
    return (
      <Text span size="sm" c="dimmed">
        —
      </Text>
    );
  }
  return (
    <Tooltip
      label={
        waiting
          ? `The clock starts when the centre opens; due ${formatDateTime(task.dueAt)}`
          : `Due ${formatDateTime(task.dueAt)}`
      }
      openDelay={400}
    >
      <Text
        span
        size="sm"
        ff="monospace"
        fw={clock.level === 'ok' || waiting ? 400 : 700}
        c={waiting ? 'dimmed' : slaColor(clock.level)}
        data-sla={clock.level}
        aria-label={`${clock.text} ${LEVEL_WORDS[clock.level]}`}
        style={{ fontVariantNumeric: 'tabular-nums' }}
      >
        {clock.text}
      </Text>
    </Tooltip>
  );
}
