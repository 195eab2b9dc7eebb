import {
  cadAbnormality,
  cadBand,
  cadDiscordanceText,
  type CadDiscordanceKind,
  type CadReadFacts,
} from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { cadProgrammes } from './programmes';
import { thresholdKey, thresholdsInForce } from './thresholds';

/** A study's latest scored CAD result with what the discordance rule needs (docs/adr/0044). */
export interface StudyCadScore extends Omit<CadReadFacts, 'category'> {
  resultId: string;
  productId: string;
  product: string;
  version: string;
  programme: string;
  /** The thresholds in force that banded it; null while uncalibrated. */
  thresholds: { id: string; operating: number; triage: number } | null;
}

/**
 * The latest scored CAD result of a study (error results are skipped: they score nothing),
 * banded under the thresholds in force at `at` for its product version and the study's
 * programme, with the score and the operating threshold on the product's 0–1 abnormality scale.
 * Null when the study has no scored result.
 */
export async function studyCadScore(
  db: Db,
  studyId: string,
  at: Date,
): Promise<StudyCadScore | null> {
  const r = await db
    .selectFrom('cad_results as r')
    .innerJoin('cad_products as p', 'p.id', 'r.product_id')
    .select([
      'r.id',
      'r.product_id',
      'r.score',
      'p.name',
      'p.version',
      'p.score_min',
      'p.score_max',
      'p.higher_is_abnormal',
    ])
    .where('r.study_id', '=', studyId)
    .where('r.score', 'is not', null)
    .orderBy('r.received_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!r || r.score === null) return null;
  const programme = (await cadProgrammes(db, [studyId])).get(studyId) ?? 'GENERAL';
  const t =
    (await thresholdsInForce(db, [{ productId: r.product_id, programme }], at)).get(
      thresholdKey(r.product_id, programme),
    ) ?? null;
  const scale = { min: r.score_min, max: r.score_max, higherIsAbnormal: r.higher_is_abnormal };
  return {
    resultId: r.id,
    productId: r.product_id,
    product: r.name,
    version: r.version,
    programme,
    score: r.score,
    band: cadBand(
      r.score,
      t && { operating: t.operating, triage: t.triage, higherIsAbnormal: r.higher_is_abnormal },
    ),
    abnormality: cadAbnormality(r.score, scale),
    operatingAbnormality: t && cadAbnormality(t.operating, scale),
    thresholds: t,
  };
}

/** One comparison of a signed read with its study's CAD result, as stored. */
export interface CadDiscordanceCheck {
  reportId: string;
  studyId: string;
  clinicId: string;
  cad: StudyCadScore;
  category: CadReadFacts['category'];
  discordance: 'high_on_normal' | 'low_on_tb' | null;
  heldByRule: string | null;
  reason: string;
  params: Record<string, unknown>;
  at: Date;
}

/**
 * Records the comparison of a signed read with its study's CAD result, in the signing
 * transaction, so QA sees why a report was held or released (one row per report).
 */
export async function recordCadDiscordanceCheck(trx: Db, c: CadDiscordanceCheck): Promise<void> {
  await trx
    .insertInto('cad_discordance_checks')
    .values({
      report_id: c.reportId,
      study_id: c.studyId,
      clinic_id: c.clinicId,
      cad_result_id: c.cad.resultId,
      programme: c.cad.programme,
      score: c.cad.score,
      band: c.cad.band,
      read_category: c.category,
      discordance: c.discordance,
      held_by_rule: c.heldByRule,
      reason: c.reason,
      details: JSON.stringify({
        product: c.cad.product,
        version: c.cad.version,
        thresholds: c.cad.thresholds,
        abnormality: c.cad.abnormality,
        operatingAbnormality: c.cad.operatingAbnormality,
        rule: c.params,
      }),
      decided_at: c.at,
    })
    .execute();
}

/** Whether the signed read of report `reportId` was found to disagree with its CAD result. */
export async function isCadDiscordantRead(db: Db, reportId: string): Promise<boolean> {
  const row = await db
    .selectFrom('cad_discordance_checks')
    .select('id')
    .where('report_id', '=', reportId)
    .where('discordance', 'is not', null)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * What the CAD rule saw when it held report `reportId`, in plain words ("CAD 91 (triage) on a
 * normal read"), with the rule's id; null when no CAD rule held it.
 */
export async function cadHoldOf(
  db: Db,
  reportId: string,
): Promise<{ ruleId: string; words: string } | null> {
  const row = await db
    .selectFrom('cad_discordance_checks')
    .select(['held_by_rule', 'discordance', 'score', 'band'])
    .where('report_id', '=', reportId)
    .where('held_by_rule', 'is not', null)
    .executeTakeFirst();
  if (!row?.held_by_rule || !row.discordance) return null;
  return {
    ruleId: row.held_by_rule,
    words: cadDiscordanceText(row.discordance as CadDiscordanceKind, {
      score: row.score,
      band: row.band as CadReadFacts['band'],
    }),
  };
}
