import { Badge, Tooltip } from '@mantine/core';
import { formatDateTime } from '../../app/format';
import { useCan } from '../../app/useCan';

/**
 * "Stable" once no object has arrived for the quiet period (the study then enters the reading
 * workflow), "Receiving" while objects may still come. Clinic staff read "Received" and plain
 * words for the same states.
 */
export function StabilityBadge({ stableAt }: { stableAt: string | null }) {
  const technical = useCan('archive:technical');
  if (stableAt === null) {
    return (
      <Tooltip
        label={
          technical
            ? 'Objects may still arrive; the study is read once it is stable'
            : 'Images are still arriving; the study goes to a reader once they stop'
        }
      >
        <Badge color="blue" variant="dot" size="sm" miw="max-content">
          Receiving
        </Badge>
      </Tooltip>
    );
  }
  return (
    <Tooltip
      label={
        technical
          ? `Stable since ${formatDateTime(stableAt)}`
          : `All images in since ${formatDateTime(stableAt)}; the study has gone to a reader`
      }
    >
      <Badge color="teal" variant="light" size="sm" miw="max-content">
        {technical ? 'Stable' : 'Received'}
      </Badge>
    </Tooltip>
  );
}
