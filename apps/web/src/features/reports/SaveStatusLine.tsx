import { Group, Loader, Text } from '@mantine/core';
import { IconCheck, IconCloudOff, IconAlertTriangle } from '@tabler/icons-react';
import type { SaveStatus } from './useReportDraft';

const time = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "Saved 10:42", "Saving…", "Offline — retrying", or why the server refused the draft. */
export function SaveStatusLine({ status, onRetry }: { status: SaveStatus; onRetry: () => void }) {
  const body = (() => {
    switch (status.kind) {
      case 'new':
        return (
          <Text size="xs" c="dimmed">
            Not saved yet
          </Text>
        );
      case 'pending':
        return (
          <Text size="xs" c="dimmed">
            Unsaved
          </Text>
        );
      case 'saving':
        return (
          <>
            <Loader size={10} />
            <Text size="xs" c="dimmed">
              Saving…
            </Text>
          </>
        );
      case 'saved':
        return (
          <>
            <IconCheck size={12} color="var(--mantine-color-teal-5)" />
            <Text size="xs" c="dimmed">
              Saved {time.format(status.at)}
            </Text>
          </>
        );
      case 'offline':
        return (
          <>
            <IconCloudOff size={12} color="var(--mantine-color-orange-5)" />
            <Text
              size="xs"
              c="orange.5"
              truncate
              title={`${status.message} Retrying by itself; click or press Ctrl+S to retry now.`}
              style={{ cursor: 'pointer' }}
              onClick={onRetry}
            >
              Offline — retrying
            </Text>
          </>
        );
      case 'conflict':
        return (
          <>
            <IconAlertTriangle size={12} color="var(--mantine-color-yellow-5)" />
            <Text size="xs" c="yellow.5" truncate title="A newer version is on the server">
              Newer version saved
            </Text>
          </>
        );
      case 'refused':
        return (
          <>
            <IconAlertTriangle size={12} color="var(--mantine-color-red-5)" />
            <Text
              size="xs"
              c="red.5"
              truncate
              title={`${status.message} Click to try again.`}
              style={{ cursor: 'pointer' }}
              onClick={onRetry}
            >
              Not saved
            </Text>
          </>
        );
    }
  })();
  return (
    // Fixed size: the line changes every few seconds and must never move the form under the
    // reader's pointer.
    <Group
      gap={4}
      role="status"
      aria-live="polite"
      aria-label="Save status"
      wrap="nowrap"
      w={136}
      h={20}
      justify="flex-end"
      style={{ overflow: 'hidden', flex: 'none' }}
    >
      {body}
    </Group>
  );
}
