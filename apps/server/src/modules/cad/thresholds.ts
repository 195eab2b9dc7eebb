import type { CadThreshold, CadThresholdSet, Programme } from '@telerad/contracts';
import { sql } from 'kysely';
import { auditedTransaction } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { loadProduct } from './products';

/** The thresholds in force for one product version and programme. */
export interface ThresholdsInForce {
  id: string;
  operating: number;
  triage: number;
}

/** The key of a product version and programme in the maps below. */
export const thresholdKey = (productId: string, programme: string): string =>
  `${productId}|${programme}`;

/**
 * The thresholds in force at `at` for each (product version, programme): the latest version
 * already effective. A pair without one is absent: its scores are uncalibrated.
 */
export async function thresholdsInForce(
  db: Db,
  pairs: readonly { productId: string; programme: string }[],
  at: Date,
): Promise<Map<string, ThresholdsInForce>> {
  const out = new Map<string, ThresholdsInForce>();
  if (!pairs.length) return out;
  const productIds = [...new Set(pairs.map((p) => p.productId))];
  const rows = await db
    .selectFrom('cad_thresholds')
    .select(['id', 'product_id', 'programme', 'operating_threshold', 'triage_threshold'])
    .distinctOn(['product_id', 'programme'])
    .where('product_id', 'in', productIds)
    .where('effective_from', '<=', at)
    .orderBy('product_id')
    .orderBy('programme')
    .orderBy('effective_from', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  for (const r of rows)
    out.set(thresholdKey(r.product_id, r.programme), {
      id: r.id,
      operating: r.operating_threshold,
      triage: r.triage_threshold,
    });
  return out;
}

/** Every threshold version, newest first, optionally of one product version or programme. */
export async function listThresholds(
  db: Db,
  q: { productId?: string; programme?: Programme },
  now: Date,
): Promise<CadThreshold[]> {
  let query = db
    .selectFrom('cad_thresholds as t')
    .leftJoin('users as u', 'u.id', 't.set_by')
    .select([
      't.id',
      't.product_id',
      't.programme',
      't.operating_threshold',
      't.triage_threshold',
      't.note',
      't.effective_from',
      't.set_by',
      'u.display_name',
      sql<boolean>`t.id = (select c.id from cad_thresholds c
        where c.product_id = t.product_id and c.programme = t.programme
          and c.effective_from <= ${now}
        order by c.effective_from desc, c.created_at desc limit 1)`.as('current'),
    ])
    .orderBy('t.effective_from', 'desc')
    .orderBy('t.created_at', 'desc');
  if (q.productId) query = query.where('t.product_id', '=', q.productId);
  if (q.programme) query = query.where('t.programme', '=', q.programme);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    productId: r.product_id,
    programme: r.programme as Programme,
    operatingThreshold: r.operating_threshold,
    triageThreshold: r.triage_threshold,
    note: r.note,
    effectiveFrom: r.effective_from.toISOString(),
    setBy: r.set_by,
    setByName: r.display_name,
    current: r.current,
  }));
}

/**
 * Sets a product version's thresholds for a programme: a new version, effective now, by the
 * caller; earlier versions are kept as they were. Audited in its transaction with the version it
 * replaces. Both thresholds must lie on the product's scale, and the triage threshold must be at
 * least as abnormal as the operating one (so "read first" is always "abnormal" too).
 */
export async function setThresholds(
  ctx: ServiceContext,
  body: CadThresholdSet,
  now: Date,
): Promise<CadThreshold> {
  const product = await loadProduct(ctx.db, body.productId);
  if (!product) throw appError('NOT_FOUND', undefined, 'No such CAD product version.');
  const { operatingThreshold: op, triageThreshold: tr } = body;
  const problems: { path: string; message: string }[] = [];
  for (const [path, v] of [
    ['operatingThreshold', op],
    ['triageThreshold', tr],
  ] as const)
    if (v < product.scoreMin || v > product.scoreMax)
      problems.push({ path, message: `outside ${product.scoreMin}–${product.scoreMax}` });
  if (product.higherIsAbnormal ? tr < op : tr > op)
    problems.push({ path: 'triageThreshold', message: 'less abnormal than the operating one' });
  if (problems.length) throw appError('CAD_THRESHOLDS_INVALID', problems);

  const id = await auditedTransaction(
    ctx,
    async (trx) => {
      const before = (
        await thresholdsInForce(trx, [{ productId: product.id, programme: body.programme }], now)
      ).get(thresholdKey(product.id, body.programme));
      const row = await trx
        .insertInto('cad_thresholds')
        .values({
          product_id: product.id,
          programme: body.programme,
          operating_threshold: op,
          triage_threshold: tr,
          note: body.note,
          effective_from: now,
          set_by: ctx.actor?.userId ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: row.id, before };
    },
    (r) => ({
      resourceId: r.id,
      details: {
        product: `${product.name} ${product.version}`,
        programme: body.programme,
        before: r.before ? { operating: r.before.operating, triage: r.before.triage } : null,
        after: { operating: op, triage: tr },
        note: body.note,
      },
    }),
  );
  const all = await listThresholds(ctx.db, { productId: product.id }, now);
  return all.find((t) => t.id === id.id)!;
}
