import { Badge, Group, Text } from '@mantine/core';
import type { CriticalResult } from '@telerad/contracts';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../../i18n/useDateFormat';

/**
 * The critical result's closed loop as an entry of the report's history: who at the clinic
 * acknowledged it, and when. Nothing until someone did.
 */
export function CriticalHistoryEntry({ critical }: { critical: CriticalResult }) {
  const { t } = useTranslation('reports');
  const format = useDateFormat();
  if (!critical.acknowledgedAt) return null;
  return (
    <Group gap={6} wrap="nowrap" data-testid="history-communicated">
      <Badge size="xs" variant="light" color="red" radius="sm" w={32}>
        !
      </Badge>
      <Text size="xs" style={{ flex: 1 }} lineClamp={2}>
        {t('critical.history', {
          name: critical.acknowledgedBy,
          clinic: critical.clinicName,
          date: format.dateTime(critical.acknowledgedAt),
        })}
      </Text>
    </Group>
  );
}
