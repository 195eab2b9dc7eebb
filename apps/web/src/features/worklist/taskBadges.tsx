import { Badge, Tooltip } from '@mantine/core';
import type { CadBand, Priority, WorklistTask } from '@telerad/contracts';

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

/** How each CAD band looks: the worklist's badge and the viewer's CAD strip share it. */
export const CAD_BAND_LOOK: Record<CadBand, { label: string; color: string; variant: string }> = {
  triage: { label: 'Read first', color: 'red', variant: 'light' },
  abnormal: { label: 'Abnormal', color: 'orange', variant: 'light' },
  low: { label: 'Low', color: 'teal', variant: 'light' },
  uncalibrated: { label: 'Uncalibrated', color: 'gray', variant: 'outline' },
};

/**
 * A study's latest CAD score on its product's own scale, with its band under the thresholds in
 * force; the product version shows on hover. An uncalibrated score is shown as such: it never
 * changed the task's priority.
 */
export function CadScoreBadge({ cad }: { cad: WorklistTask['cad'] }) {
  if (!cad) return <>—</>;
  const look = CAD_BAND_LOOK[cad.band];
  return (
    <Tooltip label={`${cad.product} ${cad.version}: ${look.label.toLowerCase()}`}>
      <Badge
        color={look.color}
        variant={look.variant}
        size="sm"
        radius="sm"
        miw="max-content"
        data-cad-band={cad.band}
        aria-label={`CAD score ${cad.score}, ${look.label}, ${cad.product} ${cad.version}`}
        style={{ fontVariantNumeric: 'tabular-nums' }}
      >
        {cad.score} · {look.label}
      </Badge>
    </Tooltip>
  );
}
