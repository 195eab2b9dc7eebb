import { Stack, Text, Tooltip } from '@mantine/core';
import { INGEST_DOOR_LABELS, type IngestDoor, type LastImage } from '@telerad/contracts';
import { formatDateTime } from '../../app/format';
import { timeAgo } from '../archive/studyFormat';

/** Hours without an object after which a live clinic's silence is worth a call. */
const QUIET_HOURS = 24;

/** What support calls a door; an unknown door by its stored name. */
export function doorLabel(door: string | null): string {
  if (!door) return 'unknown door';
  return INGEST_DOOR_LABELS[door as IngestDoor] ?? door;
}

/** Who sent it: the calling AE title for DICOM, else the user. */
export function senderLabel(s: { callingAe: string | null; userName: string | null }): string {
  if (s.callingAe) return `AE ${s.callingAe}`;
  return s.userName ?? '';
}

/**
 * When a clinic last sent an object and by which door, e.g. "3 hours ago · DICOM (C-STORE) ·
 * AE DEMO1"; orange once it has been quiet for a day. The exact time is in the tooltip, or on
 * its own line when `prominent`.
 */
export function LastImageText({
  last,
  prominent = false,
  now = Date.now(),
}: {
  last: LastImage | null;
  /** Large, on three lines: a clinic page's header. */
  prominent?: boolean;
  now?: number;
}) {
  if (!last)
    return (
      <Text size="sm" c="dimmed" span>
        Nothing received yet
      </Text>
    );
  const quiet = now - new Date(last.at).getTime() > QUIET_HOURS * 3_600_000;
  const sender = senderLabel(last);
  const via = `${doorLabel(last.door)}${sender ? ` · ${sender}` : ''}`;
  if (prominent)
    return (
      <Stack gap={0}>
        <Text size="xl" fw={700} c={quiet ? 'var(--mantine-color-orange-text)' : undefined}>
          {timeAgo(last.at, now)}
        </Text>
        <Text size="sm">{via}</Text>
        <Text size="xs" c="dimmed">
          {formatDateTime(last.at)}
        </Text>
      </Stack>
    );
  return (
    <Tooltip label={formatDateTime(last.at)}>
      <Text size="sm" span c={quiet ? 'var(--mantine-color-orange-text)' : undefined}>
        {timeAgo(last.at, now)}
        {` · ${via}`}
      </Text>
    </Tooltip>
  );
}
