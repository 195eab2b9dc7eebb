import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertOctagon, IconCheck } from '@tabler/icons-react';
import type { CriticalResult } from '@telerad/contracts';
import { Link } from 'react-router';
import { errorMessage } from '../../app/apiError';
import { formatDateTime } from '../../app/format';
import { useCan } from '../../app/useCan';
import { useMe } from '../auth/session';
import { useAcknowledgeCritical, useOpenCriticalResults } from './api';

/** The banner's words, in one place for translation. */
const STRINGS = {
  title: (n: number) => (n === 1 ? 'Critical result' : `${n} critical results`),
  intro:
    'A report says this patient needs care now. One person at the clinic must acknowledge it: your name and the time are recorded and shown to the centre.',
  patient: (r: CriticalResult) => `${r.patientName ?? r.patientId} (${r.patientId})`,
  reported: (r: CriticalResult) =>
    `Reported by ${r.flaggedBy}, ${formatDateTime(r.alertedAt)} · ${r.clinicName}`,
  open: 'Open report',
  acknowledge: (name: string) => `Acknowledge as ${name}`,
};

/**
 * The clinic's critical alerts, above every page until one user of the clinic acknowledges each:
 * what was found, for whom, and the button that records who acknowledged it and when. Shown to
 * those who may acknowledge (clinic users); nothing when there is nothing open.
 */
export function CriticalAlertBanner() {
  const canAck = useCan('critical:acknowledge');
  const me = useMe();
  const open = useOpenCriticalResults(canAck);
  const ack = useAcknowledgeCritical();
  const results = open.data?.results ?? [];
  if (!canAck || results.length === 0) return null;
  return (
    <Alert
      color="red"
      variant="filled"
      icon={<IconAlertOctagon />}
      title={STRINGS.title(results.length)}
      role="alertdialog"
      aria-label="Critical result"
      mb="md"
    >
      <Stack gap="sm">
        <Text size="sm">{STRINGS.intro}</Text>
        {results.map((r) => (
          <Group
            key={r.id}
            justify="space-between"
            wrap="wrap"
            gap="xs"
            data-testid="critical-alert"
            p="xs"
            style={{ background: 'rgba(0,0,0,0.18)', borderRadius: 'var(--mantine-radius-sm)' }}
          >
            <Stack gap={0} style={{ minWidth: 0, flex: '1 1 280px' }}>
              <Text fw={700}>
                {r.label} — {STRINGS.patient(r)}
              </Text>
              <Text size="xs">{STRINGS.reported(r)}</Text>
            </Stack>
            <Group gap="xs">
              <Button
                component={Link}
                to={`/reports?report=${encodeURIComponent(r.reportId)}`}
                variant="white"
                color="red"
                size="xs"
              >
                {STRINGS.open}
              </Button>
              <Button
                variant="white"
                color="dark"
                size="xs"
                leftSection={<IconCheck size={14} />}
                loading={ack.isPending && ack.variables === r.id}
                onClick={() => ack.mutate(r.id)}
              >
                {STRINGS.acknowledge(me.displayName)}
              </Button>
            </Group>
          </Group>
        ))}
        {ack.error && (
          <Text size="sm" fw={600} role="alert">
            {errorMessage(ack.error)}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
