import { Badge } from '@mantine/core';
import type { Priority } from '@telerad/contracts';

const PRIORITY_LOOK: Record<Priority, { label: string; color: string; variant: string }> = {
  stat: { label: 'STAT', color: 'red', variant: 'filled' },
  urgent: { label: 'Urgent', color: 'orange', variant: 'light' },
  routine: { label: 'Routine', color: 'gray', variant: 'light' },
};

/** A task's priority: STAT red, urgent orange, routine gray. */
export function PriorityBadge({ priority }: { priority: Priority }) {
  const look = PRIORITY_LOOK[priority];
  return (
    <Badge color={look.color} variant={look.variant} size="sm" radius="sm" miw="max-content">
      {look.label}
    </Badge>
  );
}
