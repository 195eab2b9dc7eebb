import { Badge, Tooltip } from '@mantine/core';
import type { Priority } from '@telerad/contracts';

const PRIORITY_LOOK: Record<Priority, { label: string; color: string; variant: string }> = {
  stat: { label: 'STAT', color: 'red', variant: 'filled' },
  urgent: { label: 'Urgent', color: 'orange', variant: 'light' },
  routine: { label: 'Routine', color: 'gray', variant: 'light' },
};

/**
 * A task's priority: STAT red, urgent orange, routine gray. `reason` (why it was raised, such
 * as the clinic's words when it marked the study urgent) shows on hover and to screen readers.
 */
export function PriorityBadge({
  priority,
  reason,
}: {
  priority: Priority;
  reason?: string | null;
}) {
  const look = PRIORITY_LOOK[priority];
  const badge = (
    <Badge
      color={look.color}
      variant={look.variant}
      size="sm"
      radius="sm"
      miw="max-content"
      aria-label={reason ? `${look.label}: ${reason}` : undefined}
    >
      {look.label}
    </Badge>
  );
  return reason && priority !== 'routine' ? (
    <Tooltip label={reason} multiline w={260}>
      {badge}
    </Tooltip>
  ) : (
    badge
  );
}
