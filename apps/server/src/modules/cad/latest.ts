import {
  cadBand,
  type CadBand,
  type CadLabel,
  type CadResult,
  type CadSource,
} from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { cadProgrammes } from './programmes';
import { thresholdKey, thresholdsInForce } from './thresholds';

/** A study's latest scored CAD result, as the worklist shows it. */
export interface LatestCadResult {
  resultId: string;
  score: number;
  band: CadBand;
  product: string;
  version: string;
  /** The programme whose thresholds banded it, and its triage threshold (null: uncalibrated). */
  programme: string;
  triageThreshold: number | null;
}

/** A result row joined to its product, as both readers below select it. */
function resultRows(db: Db) {
  return db
    .selectFrom('cad_results as r')
    .innerJoin('cad_products as p', 'p.id', 'r.product_id')
    .innerJoin('studies as s', 's.id', 'r.study_id')
    .select([
      'r.id',
      'r.study_id',
      's.study_uid',
      'r.sop_instance_uid',
      'r.product_id',
      'p.name',
      'p.version',
      'p.higher_is_abnormal',
      'p.error_codes',
      'r.score',
      'r.error_code',
      'r.labels',
      'r.heatmap_sop_instance_uid',
      'r.source',
      'r.received_at',
    ]);
}
type ResultRow = Awaited<ReturnType<ReturnType<typeof resultRows>['execute']>>[number];

/** A scored result's band, and the programme and triage threshold it was banded by. */
interface Banded {
  band: CadBand;
  programme: string;
  triage: number | null;
}

/**
 * The band of each scored row under the thresholds in force at `at` for its product version and
 * its study's programme (`cadProgrammes`), by result id. Error rows have none.
 */
async function bandsOf(db: Db, rows: readonly ResultRow[], at: Date): Promise<Map<string, Banded>> {
  const scored = rows.filter((r) => r.score !== null);
  const programmes = await cadProgrammes(
    db,
    scored.map((r) => r.study_id),
  );
  const programmeOf = (r: ResultRow) => programmes.get(r.study_id) ?? 'GENERAL';
  const thresholds = await thresholdsInForce(
    db,
    scored.map((r) => ({ productId: r.product_id, programme: programmeOf(r) })),
    at,
  );
  const out = new Map<string, Banded>();
  for (const r of scored) {
    const programme = programmeOf(r);
    const t = thresholds.get(thresholdKey(r.product_id, programme));
    out.set(r.id, {
      band: cadBand(
        r.score!,
        t
          ? { operating: t.operating, triage: t.triage, higherIsAbnormal: r.higher_is_abnormal }
          : null,
      ),
      programme,
      triage: t?.triage ?? null,
    });
  }
  return out;
}

/**
 * The latest scored CAD result of each study (error results are skipped: they leave the study
 * in the normal queue), with its band under the thresholds in force at `at`, by study id. One
 * query for the results and one for the thresholds, whatever the number of studies.
 */
export async function latestCadResults(
  db: Db,
  studyIds: readonly string[],
  at: Date = new Date(),
): Promise<Map<string, LatestCadResult>> {
  const out = new Map<string, LatestCadResult>();
  if (!studyIds.length) return out;
  const rows = await resultRows(db)
    .distinctOn('r.study_id')
    .where('r.study_id', 'in', [...new Set(studyIds)])
    .where('r.score', 'is not', null)
    .orderBy('r.study_id')
    .orderBy('r.received_at', 'desc')
    .execute();
  const bands = await bandsOf(db, rows, at);
  for (const r of rows) {
    const b = bands.get(r.id)!;
    out.set(r.study_id, {
      resultId: r.id,
      score: r.score!,
      band: b.band,
      product: r.name,
      version: r.version,
      programme: b.programme,
      triageThreshold: b.triage,
    });
  }
  return out;
}

/** One stored result as the API shows it. */
function toResult(r: ResultRow, band: CadBand | null): CadResult {
  return {
    id: r.id,
    studyUid: r.study_uid,
    sopInstanceUid: r.sop_instance_uid,
    productId: r.product_id,
    product: r.name,
    version: r.version,
    score: r.score,
    band,
    errorCode: r.error_code,
    errorMeaning:
      r.error_code === null
        ? null
        : (r.error_codes.find((e) => e.code === r.error_code)?.meaning ??
          'not a code this product version lists'),
    labels: r.labels as unknown as CadLabel[],
    heatmapSopInstanceUid: r.heatmap_sop_instance_uid,
    source: r.source as CadSource,
    receivedAt: r.received_at.toISOString(),
  };
}

/** Stored results by id, banded at `at` (the caller checked scope). */
export async function loadCadResults(
  db: Db,
  where: { studyId?: string; resultId?: string },
  at: Date,
): Promise<CadResult[]> {
  let q = resultRows(db).orderBy('r.received_at', 'desc').orderBy('r.id');
  if (where.studyId) q = q.where('r.study_id', '=', where.studyId);
  if (where.resultId) q = q.where('r.id', '=', where.resultId);
  const rows = await q.execute();
  const bands = await bandsOf(db, rows, at);
  return rows.map((r) => toResult(r, bands.get(r.id)?.band ?? null));
}
