import { Badge } from '@mantine/core';
import type { AttentionCode } from '@telerad/contracts';
import { REASONS } from './reasons';

/** The coloured label of one reason a study was flagged, as the list and the study page show it. */
export function ReasonBadge({ code }: { code: AttentionCode }) {
  return (
    <Badge color={REASONS[code].color} variant="light" size="sm" radius="sm" miw="max-content">
      {REASONS[code].label}
    </Badge>
  );
}
