import { Button, Text } from '@mantine/core';
import type { WorklistTask } from '@telerad/contracts';
import { readerTimeZone, waitingLine } from './waitingWords';

/**
 * Under a waiting task's state: why it waits and until when, in the centre's time and the
 * reader's ("Centre opens 13:00 Manila (07:00 your time)"). Nothing for other states.
 */
export function WaitingNote({ task, now }: { task: WorklistTask; now: number }) {
  const line = waitingLine(task, now, readerTimeZone());
  if (!line) return null;
  return (
    <Text
      size="xs"
      c="dimmed"
      data-waiting-note
      maw={180}
      lh={1.3}
      style={{ whiteSpace: 'normal' }}
    >
      {line}
    </Text>
  );
}

/** The "Read now…" action of a waiting row (key `r` on the selected row). */
export function ReadNowButton({ task, onReadNow }: { task: WorklistTask; onReadNow: () => void }) {
  if (task.state !== 'waiting') return null;
  return (
    <Button
      size="compact-xs"
      variant="light"
      aria-keyshortcuts="r"
      onClick={(e) => {
        e.stopPropagation();
        onReadNow();
      }}
    >
      Read now…
    </Button>
  );
}
