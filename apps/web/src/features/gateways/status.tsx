import { Badge, Text } from '@mantine/core';
import type { GatewaySummary } from '@telerad/contracts';
import { formatRecentDateTime } from '../../app/format';

/** "just now", "25 min ago", "3 h ago", "2 days ago": how long ago, as support says it. */
export function ago(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - new Date(iso).getTime()) / 60_000));
  if (minutes < 1) return 'just now';
  return `${since(minutes)} ago`;
}

function since(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}

const STYLE = {
  online: { color: 'green', label: 'Online' },
  silent: { color: 'orange', label: 'Silent' },
  revoked: { color: 'gray', label: 'Revoked' },
  awaiting_enrolment: { color: 'blue', label: 'Not enrolled' },
} as const;

/** A gateway's status badge and the line that says what it means now. */
export function GatewayStatus({ g }: { g: GatewaySummary }) {
  const style = STYLE[g.status];
  let detail: string;
  if (g.status === 'revoked') detail = `Revoked ${formatRecentDateTime(g.revokedAt!)}`;
  else if (g.status === 'awaiting_enrolment')
    detail = g.codeExpiresAt
      ? new Date(g.codeExpiresAt).getTime() > Date.now()
        ? `Awaiting enrolment; code valid until ${formatRecentDateTime(g.codeExpiresAt)}`
        : 'Code expired: rotate for a new one'
      : 'No code waiting: rotate for a new one';
  else if (g.lastHeartbeatAt)
    detail =
      g.status === 'online'
        ? `Heard ${ago(g.lastHeartbeatAt)}`
        : `Silent since ${formatRecentDateTime(g.lastHeartbeatAt)} (${ago(g.lastHeartbeatAt)})`;
  else detail = 'Enrolled, no heartbeat yet';
  return (
    <div>
      <Badge color={style.color} variant="light">
        {style.label}
      </Badge>
      <Text size="xs" c="dimmed" mt={2}>
        {detail}
      </Text>
    </div>
  );
}
