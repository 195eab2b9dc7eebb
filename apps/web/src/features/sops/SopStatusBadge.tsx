import { Badge } from '@mantine/core';
import type { SopStatus } from '@telerad/contracts';
import { useTranslation } from 'react-i18next';

const COLOURS: Record<SopStatus, string> = { current: 'teal', review_due: 'red', upcoming: 'blue' };

/** Where a document stands: in force, past its review date, or not yet in force. */
export function SopStatusBadge({ status }: { status: SopStatus }) {
  const { t } = useTranslation('sops');
  return (
    <Badge color={COLOURS[status]} variant="light">
      {t(`status.${status}`)}
    </Badge>
  );
}
