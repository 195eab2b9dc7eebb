import { z } from 'zod';
import { QueryFlag } from '../common';

/**
 * CAD–reader discordance (issue 23, docs/adr/0044): a high CAD score with a normal read, or a
 * very low score with a TB finding. CAD never finalises a report; this only holds a signed one
 * for a consultant and lets peer review sample it more often.
 */

/** The bands a "high" score may start at: the triage band, or the abnormal (operating) band. */
export const CAD_HIGH_BANDS = ['triage', 'abnormal'] as const;
export const CadHighBand = z.enum(CAD_HIGH_BANDS);
export type CadHighBand = z.infer<typeof CadHighBand>;

/** The two kinds of discordance. */
export type CadDiscordanceKind = 'high_on_normal' | 'low_on_tb';

/** The parameters of the discordance rule, as QA or an administrator set them. */
export const CadDiscordanceParams = z
  .object({
    /** A score is high when its band is this one or a more abnormal one. */
    highBand: CadHighBand.default('triage'),
    /**
     * A score is very low when its abnormality (0 at the least abnormal end of the product's
     * scale, 1 at the most) is below this fraction of the operating threshold's abnormality.
     * 0 turns the low arm off.
     */
    lowFraction: z.number().min(0).max(1).default(0.25),
  })
  .strict();
export type CadDiscordanceParams = z.infer<typeof CadDiscordanceParams>;

/** The parameters of a fresh install: triage band is high; below a quarter of operating is low. */
export const DEFAULT_CAD_DISCORDANCE: CadDiscordanceParams = {
  highBand: 'triage',
  lowFraction: 0.25,
};

/** A study's latest scored CAD result beside the signed read, as the rule sees them. */
export interface CadReadFacts {
  score: number;
  /** The band under the thresholds in force (`cadBand`); `uncalibrated` never triggers. */
  band: 'uncalibrated' | 'low' | 'abnormal' | 'triage';
  /** The score on the normalised 0–1 abnormality scale of its product version. */
  abnormality: number;
  /** The operating threshold on the same scale; null while uncalibrated. */
  operatingAbnormality: number | null;
  /** The read's category (`qcCategory`, docs/adr/0025). */
  category: 'normal' | 'abnormal' | 'tb' | 'unreadable';
}

/**
 * A score's place on a 0–1 abnormality scale: 0 at the least abnormal end of the product's
 * scale, 1 at the most abnormal, whichever way the product counts.
 */
export function cadAbnormality(
  score: number,
  scale: { min: number; max: number; higherIsAbnormal: boolean },
): number {
  const f = (score - scale.min) / (scale.max - scale.min);
  return scale.higherIsAbnormal ? f : 1 - f;
}

/**
 * Whether the read and the CAD disagree (pure): a high score (band at or past `highBand`) on a
 * normal read, or a very low score (below `lowFraction` of the operating threshold's
 * abnormality) on a TB read. Abnormal-not-TB and unreadable reads are never discordant, and an
 * uncalibrated score never is: without a local threshold the score means nothing yet.
 */
export function cadDiscordance(
  params: CadDiscordanceParams,
  f: CadReadFacts,
): CadDiscordanceKind | null {
  if (f.band === 'uncalibrated' || f.operatingAbnormality === null) return null;
  const high = f.band === 'triage' || (params.highBand === 'abnormal' && f.band === 'abnormal');
  if (high && f.category === 'normal') return 'high_on_normal';
  const veryLow = f.abnormality < params.lowFraction * f.operatingAbnormality;
  if (veryLow && f.category === 'tb') return 'low_on_tb';
  return null;
}

/** The discordance in plain words, e.g. "CAD 0.91 (triage) on a normal read". */
export function cadDiscordanceText(
  kind: CadDiscordanceKind,
  f: Pick<CadReadFacts, 'score' | 'band'>,
): string {
  return kind === 'high_on_normal'
    ? `CAD ${f.score} (${f.band}) on a normal read`
    : `CAD ${f.score} (very low) on a TB finding`;
}

/** `GET /api/cad/discordance-checks`: newest first; `discordantOnly` keeps the disagreements. */
export const CadDiscordanceCheckQuery = z
  .object({
    discordantOnly: QueryFlag.default(false),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type CadDiscordanceCheckQuery = z.infer<typeof CadDiscordanceCheckQuery>;

/** One signed read compared with its CAD result, as QA reads why it was held or released. */
export const CadDiscordanceCheck = z.object({
  reportId: z.string(),
  studyUid: z.string(),
  clinicCode: z.string(),
  product: z.string(),
  version: z.string(),
  programme: z.string(),
  score: z.number(),
  band: z.enum(['uncalibrated', 'low', 'abnormal', 'triage']),
  readCategory: z.enum(['normal', 'abnormal', 'tb', 'unreadable']),
  discordance: z.enum(['high_on_normal', 'low_on_tb']).nullable(),
  heldByRule: z.string().nullable(),
  reason: z.string(),
  decidedAt: z.string(),
});
export type CadDiscordanceCheck = z.infer<typeof CadDiscordanceCheck>;

export const CadDiscordanceCheckList = z.object({ checks: z.array(CadDiscordanceCheck) });
export type CadDiscordanceCheckList = z.infer<typeof CadDiscordanceCheckList>;
