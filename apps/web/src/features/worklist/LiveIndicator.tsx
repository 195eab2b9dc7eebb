import { Badge, Tooltip } from '@mantine/core';
import type { RealtimeStatus } from '../../app/useLiveQueryRefresh';

const LOOK: Record<RealtimeStatus, { label: string; color: string; tip: string }> = {
  live: { label: 'Live', color: 'teal', tip: 'New and changed tasks appear as they happen.' },
  connecting: { label: 'Connecting…', color: 'gray', tip: 'Opening the live link to the server.' },
  reconnecting: {
    label: 'Reconnecting…',
    color: 'orange',
    tip: 'The live link dropped; retrying. The list refreshes once a minute meanwhile.',
  },
};

/** Whether the worklist is receiving live updates. */
export function LiveIndicator({ status }: { status: RealtimeStatus }) {
  const look = LOOK[status];
  return (
    <Tooltip label={look.tip}>
      <Badge
        variant="dot"
        color={look.color}
        size="lg"
        tt="none"
        role="status"
        aria-label={`Live updates: ${look.label}`}
      >
        {look.label}
      </Badge>
    </Tooltip>
  );
}
