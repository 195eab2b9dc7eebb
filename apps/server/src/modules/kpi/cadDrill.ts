import type {
  CadCalibrationRead,
  CadCalibrationReads,
  CadCalibrationReadsQuery,
  CadReadOutcome,
} from '@telerad/contracts';
import { sql, type RawBuilder } from 'kysely';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { flaggedFromBins } from './cadCalibration';
import { refreshCadStaleDays } from './cadRefresh';
import { cadConditions, calibrationPeriod, callerOf, productFamily } from './cadScope';

/** Studies a page of the drill-down lists. */
export const CAD_READS_PAGE_SIZE = 50;

interface Row {
  study_id: string;
  study_uid: string;
  accession: string | null;
  patient_id: string | null;
  clinic_name: string;
  version: string;
  score: number;
  bin: number;
  received_at: Date;
  abnormal: boolean | null;
}

/** The figure's own conditions: its bins, final read, month and flagged state. */
function figureConditions(q: CadCalibrationReadsQuery): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (q.fromBin !== undefined) parts.push(sql`k.bin >= ${q.fromBin}`);
  if (q.toBin !== undefined) parts.push(sql`k.bin <= ${q.toBin}`);
  if (q.outcome === 'abnormal') parts.push(sql`k.abnormal`);
  if (q.outcome === 'normal') parts.push(sql`not k.abnormal`);
  if (q.outcome === 'unread') parts.push(sql`k.abnormal is null`);
  if (q.month) {
    const start = `${q.month}-01`;
    parts.push(sql`k.day >= ${start}::date and k.day < ${start}::date + interval '1 month'`);
  }
  if (q.flagged === 'true') parts.push(sql`k.bin >= t.from_bin`);
  if (q.flagged === 'false') parts.push(sql`k.bin < t.from_bin`);
  return sql.join(parts, sql` and `);
}

const outcomeOf = (abnormal: boolean | null): CadReadOutcome =>
  abnormal === null ? 'unread' : abnormal ? 'abnormal' : 'normal';

/**
 * `GET /api/kpi/cad/reads`: the studies behind one calibration figure, newest result first, a
 * page at a time. It reads the same facts with the same conditions the figure was summed under
 * (`cadConditions`, the bins a threshold calls positive, each version's flagged bin), so it
 * lists exactly the studies counted.
 */
export async function cadCalibrationReads(
  ctx: ServiceContext,
  q: CadCalibrationReadsQuery,
  now: Date = new Date(),
): Promise<CadCalibrationReads> {
  const { db } = ctx;
  const actor = callerOf(ctx);
  await refreshCadStaleDays(db);
  const family = await productFamily(db, q.productId, q.programme, now);
  const period = calibrationPeriod(q, now);
  const byVersion = q.family === 'true' || q.flagged !== undefined;
  const products = byVersion ? family.versions.map((v) => v.id) : [family.product.id];
  const flagged = flaggedFromBins(family);
  const scoped = cadConditions(q, period, actor, 'k');
  // The page is chosen from the facts alone and only its rows are joined to the studies: joining
  // first would hash a million studies to list fifty (the bench: 1.5 s against 0.2 s).
  const [{ rows }, total] = await Promise.all([
    sql<Row>`
      with page as materialized (
        select k.* from kpi_cad_reads k
        left join unnest(${flagged.ids}::uuid[], ${flagged.fromBins}::int[]) as t(product_id, from_bin)
          on t.product_id = k.product_id
        where k.product_id = any(${products}::uuid[]) and ${scoped} and ${figureConditions(q)}
        order by k.received_at desc, k.result_id
        limit ${CAD_READS_PAGE_SIZE} offset ${(q.page - 1) * CAD_READS_PAGE_SIZE}
      )
      select st.id as study_id, st.study_uid, st.accession_number as accession, st.patient_id,
             c.name as clinic_name, p.version, k.score, k.bin, k.received_at, k.abnormal
      from page k
      join studies st on st.id = k.study_id
      join clinics c on c.id = k.clinic_id
      join cad_products p on p.id = k.product_id
      order by k.received_at desc, k.result_id`.execute(db),
    countOf(db, q, products, flagged, scoped),
  ]);
  return {
    total,
    page: q.page,
    pageSize: CAD_READS_PAGE_SIZE,
    reads: rows.map((r): CadCalibrationRead => ({
      studyId: r.study_id,
      studyUid: r.study_uid,
      accession: r.accession,
      patientId: r.patient_id,
      clinicName: r.clinic_name,
      version: r.version,
      score: r.score,
      bin: r.bin,
      receivedAt: r.received_at.toISOString(),
      outcome: outcomeOf(r.abnormal),
    })),
  };
}

/** How many studies the figure counts, from the facts alone. */
async function countOf(
  db: Db,
  q: CadCalibrationReadsQuery,
  products: string[],
  flagged: { ids: string[]; fromBins: number[] },
  scoped: RawBuilder<unknown>,
): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from kpi_cad_reads k
    left join unnest(${flagged.ids}::uuid[], ${flagged.fromBins}::int[]) as t(product_id, from_bin)
      on t.product_id = k.product_id
    where k.product_id = any(${products}::uuid[]) and ${scoped} and ${figureConditions(q)}`.execute(
    db,
  );
  return rows[0]?.n ?? 0;
}
