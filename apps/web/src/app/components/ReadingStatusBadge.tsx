import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { READING_STATUS_LOOK, type ReadingStatus } from '@telerad/contracts';
import { useCan } from '../useCan';

/**
 * Whose words a reading status is shown in: centre staff, who work second reads as tasks of
 * their own, or a clinic, which follows its study as one status (the same permission decides
 * which rows the server lists).
 */
export function useStatusAudience(): 'staff' | 'clinic' {
  return useCan('worklist:second-reads') ? 'staff' : 'clinic';
}

/**
 * A reading status as the server derived it: "Held for consultation" for staff, "With the
 * consultant" for a clinic; the tooltip says what happens next (`READING_STATUS_LOOK`).
 */
export function ReadingStatusBadge({
  status,
  tooltip,
}: {
  status: ReadingStatus;
  /** Replaces the clinic's note (staff pages say more, e.g. the SLA clock). */
  tooltip?: string;
}) {
  const audience = useStatusAudience();
  const { t } = useTranslation('clinic');
  const look = READING_STATUS_LOOK[status];
  // A clinic reads its own language; centre staff read the centre's words.
  const label = audience === 'clinic' ? t(`status.${status}.label`) : look.label;
  const note = audience === 'clinic' ? t(`status.${status}.note`) : look.clinicNote;
  return (
    <Tooltip label={tooltip ?? note} openDelay={300} multiline maw={320}>
      <Badge
        color={look.color}
        variant="dot"
        size="sm"
        radius="sm"
        miw="max-content"
        tt="none"
        data-status={status}
      >
        {label}
      </Badge>
    </Tooltip>
  );
}
