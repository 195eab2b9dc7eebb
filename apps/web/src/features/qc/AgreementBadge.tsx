import { Badge } from '@mantine/core';
import { QC_AGREEMENT_LABELS, type QcAgreement } from '@telerad/contracts';

const COLOR: Record<QcAgreement, string> = { concordant: 'teal', minor: 'yellow', major: 'red' };

/** The agreement of a clinic read and its re-read, coloured by how much it matters. */
export function AgreementBadge({ agreement, label }: { agreement: QcAgreement; label?: string }) {
  return (
    <Badge color={COLOR[agreement]} variant="light" radius="sm" tt="none">
      {label ?? QC_AGREEMENT_LABELS[agreement]}
    </Badge>
  );
}
