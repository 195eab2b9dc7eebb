import { Badge, Tooltip } from '@mantine/core';
import { formatDateTime } from '../../app/format';

/**
 * "Stable" once no object has arrived for the quiet period (the study then enters the reading
 * workflow), "Receiving" while objects may still come.
 */
export function StabilityBadge({ stableAt }: { stableAt: string | null }) {
  if (stableAt === null) {
    return (
      <Tooltip label="Objects may still arrive; the study is read once it is stable">
        <Badge color="blue" variant="dot" size="sm" miw="max-content">
          Receiving
        </Badge>
      </Tooltip>
    );
  }
  return (
    <Tooltip label={`Stable since ${formatDateTime(stableAt)}`}>
      <Badge color="teal" variant="light" size="sm" miw="max-content">
        Stable
      </Badge>
    </Tooltip>
  );
}
