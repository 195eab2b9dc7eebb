import {
  binnedAuc,
  binnedPerformanceAt,
  binnedRocPoints,
  binnedThresholdForSensitivity,
  CAD_CALIBRATION_BINS,
  calledFromBin,
  type BinCount,
  type BinnedPerformance,
  type CadCalibration,
  type CadCalibrationQuery,
  type CadFlaggedCell,
  type CadProduct,
  type CadThresholdKind,
  type CadThresholdPerformance,
} from '@telerad/contracts';
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context';
import { refreshCadStaleDays } from './cadRefresh';
import {
  cadConditions,
  callerOf,
  calibrationPeriod,
  denormalise,
  normalise,
  productFamily,
  type ProductFamily,
} from './cadScope';

const BINS = CAD_CALIBRATION_BINS;

/**
 * The lowest bin each version of the family calls flagged (at or past its operating threshold
 * in force), as parallel arrays for SQL; uncalibrated versions are absent.
 */
export function flaggedFromBins(f: ProductFamily): { ids: string[]; fromBins: number[] } {
  const ids: string[] = [];
  const fromBins: number[] = [];
  for (const v of f.versions) {
    const t = f.thresholds.get(v.id);
    if (!t) continue;
    ids.push(v.id);
    fromBins.push(calledFromBin(normalise(v, t.operating), BINS));
  }
  return { ids, fromBins };
}

function performance(
  kind: CadThresholdKind,
  p: CadProduct,
  perf: BinnedPerformance,
): CadThresholdPerformance {
  return {
    kind,
    threshold: denormalise(p, perf.threshold),
    fromBin: calledFromBin(perf.threshold, BINS),
    sensitivity: perf.sensitivity,
    specificity: perf.specificity,
    truePositives: perf.truePositives,
    falsePositives: perf.falsePositives,
    trueNegatives: perf.trueNegatives,
    falseNegatives: perf.falseNegatives,
    sensitivityBound: perf.sensitivityBound,
    specificityBound: perf.specificityBound,
  };
}

/**
 * `GET /api/kpi/cad`: one product version's calibration against final reads for a programme and
 * period, and the share flagged by clinic and month across the product's versions — all summed
 * from `kpi_cad_bins` after refreshing the stale result days (docs/adr/0045). The thresholds
 * are those in force at `now`, on the product's own scale.
 */
export async function cadCalibration(
  ctx: ServiceContext,
  q: CadCalibrationQuery,
  now: Date = new Date(),
): Promise<CadCalibration> {
  const { db } = ctx;
  const actor = callerOf(ctx);
  await refreshCadStaleDays(db);
  const family = await productFamily(db, q.productId, q.programme, now);
  const { product } = family;
  const period = calibrationPeriod(q, now);
  const where = cadConditions(q, period, actor, 'b');
  const flaggedBy = flaggedFromBins(family);
  const [bins, flagged, starts] = await Promise.all([
    sql<{ bin: number; abnormal: number; normal: number; unread: number }>`
      select bin, sum(abnormal)::int as abnormal, sum(normal)::int as normal,
             sum(unread)::int as unread
      from kpi_cad_bins b where b.product_id = ${product.id} and ${where}
      group by bin order by bin`.execute(db),
    sql<
      { month: string; clinic_id: string; clinic_name: string } & Record<
        'scored' | 'calibrated' | 'flagged',
        number
      >
    >`
      select to_char(b.day, 'YYYY-MM') as month, b.clinic_id, c.name as clinic_name,
             sum(b.abnormal + b.normal + b.unread)::int as scored,
             coalesce(sum(b.abnormal + b.normal + b.unread) filter (where t.from_bin is not null), 0)::int as calibrated,
             coalesce(sum(b.abnormal + b.normal + b.unread) filter (where b.bin >= t.from_bin), 0)::int as flagged
      from kpi_cad_bins b
      join clinics c on c.id = b.clinic_id
      left join unnest(${flaggedBy.ids}::uuid[], ${flaggedBy.fromBins}::int[]) as t(product_id, from_bin)
        on t.product_id = b.product_id
      where b.product_id = any(${family.versions.map((v) => v.id)}::uuid[]) and ${where}
      group by 1, 2, 3 order by 1, 3`.execute(db),
    sql<{ product_id: string; month: string }>`
      select b.product_id, to_char(min(b.day), 'YYYY-MM') as month
      from kpi_cad_bins b
      where b.product_id = any(${family.versions.map((v) => v.id)}::uuid[]) and ${where}
      group by 1 order by 2`.execute(db),
  ]);
  const counts: BinCount[] = bins.rows.map((r) => ({
    bin: r.bin,
    positives: r.abnormal,
    negatives: r.normal,
  }));
  const area = binnedAuc(counts, BINS);
  const t = family.thresholds.get(product.id);
  const thresholds: CadThresholdPerformance[] = [];
  if (t) {
    thresholds.push(
      performance(
        'operating',
        product,
        binnedPerformanceAt(counts, normalise(product, t.operating), BINS),
      ),
      performance(
        'triage',
        product,
        binnedPerformanceAt(counts, normalise(product, t.triage), BINS),
      ),
    );
    // The thresholds in force, on the product's own scale exactly as QA set them.
    thresholds[0]!.threshold = t.operating;
    thresholds[1]!.threshold = t.triage;
  }
  const target = binnedThresholdForSensitivity(counts, 0.9, BINS);
  if (target) thresholds.push(performance('sensitivity90', product, target));
  const sum = (k: 'abnormal' | 'normal' | 'unread') => bins.rows.reduce((s, r) => s + r[k], 0);
  return {
    product: {
      id: product.id,
      name: product.name,
      version: product.version,
      scoreMin: product.scoreMin,
      scoreMax: product.scoreMax,
      higherIsAbnormal: product.higherIsAbnormal,
    },
    programme: q.programme,
    period,
    bins: BINS,
    counts: {
      scored: sum('abnormal') + sum('normal') + sum('unread'),
      abnormal: sum('abnormal'),
      normal: sum('normal'),
      unread: sum('unread'),
    },
    roc: binnedRocPoints(counts, BINS).map((p) => ({
      bin: p.bin,
      threshold: denormalise(product, p.threshold),
      tpr: p.tpr,
      fpr: p.fpr,
      truePositives: p.truePositives,
      falsePositives: p.falsePositives,
    })),
    auc: area?.auc ?? null,
    aucBound: area?.bound ?? null,
    calibrated: t !== undefined,
    thresholds,
    flagged: flagged.rows.map((r): CadFlaggedCell => ({
      month: r.month,
      clinicId: r.clinic_id,
      clinicName: r.clinic_name,
      scored: r.scored,
      calibrated: r.calibrated,
      flagged: r.flagged,
    })),
    // Oldest version first within a month, as registered.
    versions: starts.rows
      .map((r) => ({ ...r, at: family.versions.findIndex((v) => v.id === r.product_id) }))
      .sort((a, b) => a.month.localeCompare(b.month) || a.at - b.at)
      .map((r) => {
        const v = family.versions.find((x) => x.id === r.product_id)!;
        return {
          productId: v.id,
          version: v.version,
          month: r.month,
          operatingThreshold: family.thresholds.get(v.id)?.operating ?? null,
        };
      }),
  };
}
