import { Alert, Text } from '@mantine/core';
import { IconAlertOctagon } from '@tabler/icons-react';
import type { CriticalResult } from '@telerad/contracts';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../../i18n/useDateFormat';
import { findingLabel } from './findingLabel';

/**
 * A report's critical flag in its record: what was found, and the closed loop ("Communicated to
 * <name> (<clinic>) at <time>") once a clinic user acknowledged it.
 */
export function CriticalRecordLine({ critical }: { critical: CriticalResult }) {
  const { t } = useTranslation('reports');
  const format = useDateFormat();
  const done = critical.acknowledgedAt !== null;
  return (
    <Alert
      color={done ? 'teal' : 'red'}
      variant="light"
      icon={<IconAlertOctagon />}
      title={t('critical.title')}
      role="region"
      aria-label={t('critical.title')}
      data-testid="critical-record"
      data-acknowledged={String(done)}
    >
      <Text size="sm">
        {t('critical.flagged', { finding: findingLabel(t, critical), name: critical.flaggedBy })}
      </Text>
      <Text size="sm" fw={600} data-testid="critical-communication">
        {done
          ? t('critical.communicated', {
              name: critical.acknowledgedBy,
              clinic: critical.clinicName,
              date: format.dateTime(critical.acknowledgedAt),
            })
          : critical.alertedAt
            ? t('critical.sent', { date: format.dateTime(critical.alertedAt) })
            : t('critical.onRelease')}
      </Text>
    </Alert>
  );
}
