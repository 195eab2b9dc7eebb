import { Alert, Text } from '@mantine/core';
import { IconAlertOctagon } from '@tabler/icons-react';
import type { CriticalResult } from '@telerad/contracts';
import { formatDateTime } from '../../app/format';

/** The record's words, in one place for translation. */
const STRINGS = {
  title: 'Critical result',
  flagged: (c: CriticalResult) => `${c.label} — flagged by ${c.flaggedBy}`,
  communicated: (c: CriticalResult) =>
    `Communicated to ${c.acknowledgedBy} (${c.clinicName}) at ${formatDateTime(c.acknowledgedAt)}`,
  waiting: (c: CriticalResult) =>
    c.alertedAt
      ? `Sent to the clinic ${formatDateTime(c.alertedAt)}; not yet acknowledged.`
      : 'The clinic is alerted when the report is released.',
};

/**
 * A report's critical flag in its record and history: what was found, and the closed loop
 * ("Communicated to <name> (<clinic>) at <time>") once a clinic user acknowledged it.
 */
export function CriticalRecordLine({ critical }: { critical: CriticalResult }) {
  const done = critical.acknowledgedAt !== null;
  return (
    <Alert
      color={done ? 'teal' : 'red'}
      variant="light"
      icon={<IconAlertOctagon />}
      title={STRINGS.title}
      role="region"
      aria-label="Critical result"
      data-testid="critical-record"
      data-acknowledged={String(done)}
    >
      <Text size="sm">{STRINGS.flagged(critical)}</Text>
      <Text size="sm" fw={600} data-testid="critical-communication">
        {done ? STRINGS.communicated(critical) : STRINGS.waiting(critical)}
      </Text>
    </Alert>
  );
}
