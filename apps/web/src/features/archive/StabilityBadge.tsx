import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import { useCan } from '../../app/useCan';
import { useDateFormat } from '../../i18n/useDateFormat';

/**
 * "Stable" once no object has arrived for the quiet period (the study then enters the reading
 * workflow), "Receiving" while objects may still come. Clinic staff read "Received" and plain
 * words for the same states.
 */
export function StabilityBadge({ stableAt }: { stableAt: string | null }) {
  const technical = useCan('archive:technical');
  const { t } = useTranslation('clinic');
  const format = useDateFormat();
  if (stableAt === null) {
    return (
      <Tooltip
        label={
          technical
            ? 'Objects may still arrive; the study is read once it is stable'
            : t('arrival.receivingNote')
        }
      >
        <Badge color="blue" variant="dot" size="sm" miw="max-content">
          {technical ? 'Receiving' : t('arrival.receiving')}
        </Badge>
      </Tooltip>
    );
  }
  return (
    <Tooltip
      label={
        technical
          ? `Stable since ${formatDateTime(stableAt)}`
          : t('arrival.receivedNote', { date: format.dateTime(stableAt) })
      }
    >
      <Badge color="teal" variant="light" size="sm" miw="max-content">
        {technical ? 'Stable' : t('arrival.received')}
      </Badge>
    </Tooltip>
  );
}
