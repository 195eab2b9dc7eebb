import { Badge } from '@mantine/core';
import type { FunnelPosition } from '@telerad/contracts';

/** A share as a percentage with one decimal, or a dash. */
export const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);

/** Minutes with one decimal, or a dash. */
export const minutes = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)} min`);

const POSITION: Record<FunnelPosition, { label: string; color: string; title: string }> = {
  within: {
    label: 'As peers',
    color: 'teal',
    title: 'Within the 95 % limits around all readers’ rate',
  },
  above95: { label: 'High', color: 'yellow', title: 'Above the 95 % limit: worth watching' },
  below95: { label: 'Low', color: 'yellow', title: 'Below the 95 % limit: worth watching' },
  above998: { label: 'Very high', color: 'red', title: 'Above the 99.8 % limit: look at it' },
  below998: { label: 'Very low', color: 'red', title: 'Below the 99.8 % limit: look at it' },
};

/** Where a reader's rate falls against every reader's, as a badge with its meaning. */
export function PositionBadge({ position }: { position: FunnelPosition | null }) {
  if (!position) return null;
  const p = POSITION[position];
  return (
    <Badge
      color={p.color}
      variant="light"
      radius="sm"
      size="sm"
      title={p.title}
      data-position={position}
    >
      {p.label}
    </Badge>
  );
}

/** The position in words, for the card's figures. */
export const positionWords = (position: FunnelPosition | null) =>
  position ? POSITION[position].title : 'No reads in the period';
