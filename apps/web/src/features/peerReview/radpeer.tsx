import { Badge } from '@mantine/core';
import { RADPEER_LABELS, type RadpeerScore } from '@telerad/contracts';

/** Colour of a RADPEER score: concur teal, an "a" discrepancy yellow, a "b" or a 3 red. */
export function scoreColor(score: RadpeerScore): string {
  if (score === '1') return 'teal';
  if (score.endsWith('b') || score.startsWith('3')) return 'red';
  return 'yellow';
}

/** A RADPEER score as a badge, its meaning in the tooltip title. */
export function ScoreBadge({ score }: { score: RadpeerScore | null }) {
  if (!score)
    return (
      <Badge color="gray" variant="light" radius="sm">
        Not scored
      </Badge>
    );
  return (
    <Badge
      color={scoreColor(score)}
      variant="light"
      radius="sm"
      miw="max-content"
      title={RADPEER_LABELS[score]}
      data-score={score}
    >
      RADPEER {score}
    </Badge>
  );
}

/** Why a read was chosen, in the centre's words. */
export const REASON_WORDS = {
  random: 'Random sample',
  abnormal: 'Abnormal read',
  consultation: 'Went to a consultant',
  reader: 'Chosen reader',
  pilot: 'Pilot clinic second read',
  cad_discordant: 'CAD disagreed with the read',
} as const;
