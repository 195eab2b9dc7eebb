import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertOctagon, IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../app/apiError';
import { useCan } from '../../app/useCan';
import { useDateFormat } from '../../i18n/useDateFormat';
import { useMe } from '../auth/session';
import { useAcknowledgeCritical, useOpenCriticalResults } from './api';
import { findingLabel } from './findingLabel';

/**
 * The clinic's critical alerts, above every page until one user of the clinic acknowledges each:
 * what was found, for whom, and the button that records who acknowledged it and when. Shown to
 * those who may acknowledge (clinic users); nothing when there is nothing open.
 */
export function CriticalAlertBanner() {
  const canAck = useCan('critical:acknowledge');
  const me = useMe();
  const { t } = useTranslation('reports');
  const format = useDateFormat();
  const open = useOpenCriticalResults(canAck);
  const ack = useAcknowledgeCritical();
  const results = open.data?.results ?? [];
  if (!canAck || results.length === 0) return null;
  return (
    <Alert
      color="red"
      variant="filled"
      icon={<IconAlertOctagon />}
      title={t('critical.title')}
      role="alertdialog"
      aria-label={t('critical.title')}
      mb="md"
    >
      <Stack gap="sm">
        <Text size="sm">{t('critical.intro')}</Text>
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
                {findingLabel(t, r)} —{' '}
                {t('critical.patient', { name: r.patientName ?? r.patientId, id: r.patientId })}
              </Text>
              <Text size="xs">
                {t('critical.reported', {
                  name: r.flaggedBy,
                  date: format.dateTime(r.alertedAt),
                  clinic: r.clinicName,
                })}
              </Text>
            </Stack>
            <Group gap="xs">
              <Button
                component={Link}
                to={`/reports?report=${encodeURIComponent(r.reportId)}`}
                variant="white"
                color="red"
                size="xs"
              >
                {t('critical.open')}
              </Button>
              <Button
                variant="white"
                color="dark"
                size="xs"
                leftSection={<IconCheck size={14} />}
                loading={ack.isPending && ack.variables === r.id}
                onClick={() => ack.mutate(r.id)}
              >
                {t('critical.acknowledge', { name: me.displayName })}
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
