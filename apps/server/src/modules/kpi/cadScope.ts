import type { CadCalibrationQuery, CadProduct } from '@telerad/contracts';
import { sql, type RawBuilder } from 'kysely';
import type { Actor, ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { clinicScope, inClinicScope } from '../auth';
import { listProducts, thresholdsInForce, thresholdKey } from '../cad';

const DAY_MS = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The calibration period: UTC days `from` … `to`, the last 365 days up to `now` by default. */
export function calibrationPeriod(
  q: Pick<CadCalibrationQuery, 'from' | 'to'>,
  now: Date,
): { from: string; to: string } {
  const to = q.to ?? isoDay(now);
  const from = q.from ?? isoDay(new Date(Date.parse(`${to}T00:00:00Z`) - 364 * DAY_MS));
  return from <= to ? { from, to } : { from: to, to: from };
}

/**
 * The conditions every calibration figure and drill-down shares, on a CAD facts table under
 * `alias`: the period's result days, the programme, the clinic or the centre's clinics, and the
 * caller's clinic scope (the one SQL scope helper). The product is added by the caller: one
 * version, or all versions of its name.
 */
export function cadConditions(
  q: CadCalibrationQuery,
  period: { from: string; to: string },
  actor: Actor,
  alias: string,
): RawBuilder<unknown> {
  const c = (col: string) => sql.ref(`${alias}.${col}`);
  const parts: RawBuilder<unknown>[] = [
    sql`${c('day')} between ${period.from}::date and ${period.to}::date`,
    sql`${c('programme')} = ${q.programme}`,
    sql`${inClinicScope(clinicScope(actor), `${alias}.clinic_id`)}`,
  ];
  if (q.clinicId) parts.push(sql`${c('clinic_id')} = ${q.clinicId}`);
  if (q.centreId)
    parts.push(
      sql`${c('clinic_id')} in (select id from clinics where home_centre_id = ${q.centreId})`,
    );
  return sql.join(parts, sql` and `);
}

/** A product version with the other versions of its name, oldest first, and their thresholds. */
export interface ProductFamily {
  product: CadProduct;
  versions: CadProduct[];
  /** Operating and triage thresholds in force per version id, on each version's own scale. */
  thresholds: Map<string, { operating: number; triage: number }>;
}

/** The product version asked for (404 when none), its family and thresholds in force now. */
export async function productFamily(
  db: Db,
  productId: string,
  programme: string,
  now: Date,
): Promise<ProductFamily> {
  const all = await listProducts(db);
  const product = all.find((p) => p.id === productId);
  if (!product) throw appError('NOT_FOUND');
  const versions = all
    .filter((p) => p.name === product.name)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const inForce = await thresholdsInForce(
    db,
    versions.map((v) => ({ productId: v.id, programme })),
    now,
  );
  const thresholds = new Map<string, { operating: number; triage: number }>();
  for (const v of versions) {
    const t = inForce.get(thresholdKey(v.id, programme));
    if (t) thresholds.set(v.id, { operating: t.operating, triage: t.triage });
  }
  return { product, versions, thresholds };
}

/** A score on `p`'s own scale on the normalised 0–1 scale, higher more abnormal. */
export function normalise(p: CadProduct, score: number): number {
  const span = p.scoreMax - p.scoreMin;
  return p.higherIsAbnormal ? (score - p.scoreMin) / span : (p.scoreMax - score) / span;
}

/** A normalised 0–1 value back on `p`'s own scale. */
export function denormalise(p: CadProduct, normalised: number): number {
  const span = p.scoreMax - p.scoreMin;
  return p.higherIsAbnormal ? p.scoreMin + normalised * span : p.scoreMax - normalised * span;
}

/** The caller of a calibration read: the route's authentication always set one. */
export function callerOf(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  return ctx.actor;
}
