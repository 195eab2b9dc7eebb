import type { CadProduct, CadProductCreate } from '@telerad/contracts';
import { auditedTransaction } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';

const COLUMNS = [
  'id',
  'name',
  'vendor',
  'version',
  'score_min',
  'score_max',
  'higher_is_abnormal',
  'error_codes',
  'created_at',
] as const;

type ProductRow = {
  id: string;
  name: string;
  vendor: string;
  version: string;
  score_min: number;
  score_max: number;
  higher_is_abnormal: boolean;
  error_codes: { code: number; meaning: string }[];
  created_at: Date;
};

/** A product row as the API shows it. */
export function toProduct(r: ProductRow): CadProduct {
  return {
    id: r.id,
    name: r.name,
    vendor: r.vendor,
    version: r.version,
    scoreMin: r.score_min,
    scoreMax: r.score_max,
    higherIsAbnormal: r.higher_is_abnormal,
    errorCodes: r.error_codes,
    createdAt: r.created_at.toISOString(),
  };
}

/** Every registered product version, by name then newest version first. */
export async function listProducts(db: Db): Promise<CadProduct[]> {
  const rows = await db
    .selectFrom('cad_products')
    .select(COLUMNS)
    .orderBy('name')
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toProduct);
}

/** One product version by id, or null. */
export async function loadProduct(db: Db, id: string): Promise<CadProduct | null> {
  const row = await db
    .selectFrom('cad_products')
    .select(COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toProduct(row) : null;
}

/** The product version a CAD names in a result, exactly (name and version string), or null. */
export async function findProduct(
  db: Db,
  name: string,
  version: string,
): Promise<CadProduct | null> {
  const row = await db
    .selectFrom('cad_products')
    .select(COLUMNS)
    .where('name', '=', name)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? toProduct(row) : null;
}

/**
 * Registers one exact product version (its scale, direction and error codes), audited in its
 * transaction. A version registered already answers CAD_PRODUCT_EXISTS: a registered version is
 * never edited, since its results and thresholds were read on that scale.
 */
export async function registerProduct(
  ctx: ServiceContext,
  p: CadProductCreate,
): Promise<CadProduct> {
  if (await findProduct(ctx.db, p.name, p.version)) throw appError('CAD_PRODUCT_EXISTS');
  return auditedTransaction(
    ctx,
    async (trx) => {
      const row = await trx
        .insertInto('cad_products')
        .values({
          name: p.name,
          vendor: p.vendor,
          version: p.version,
          score_min: p.scoreMin,
          score_max: p.scoreMax,
          higher_is_abnormal: p.higherIsAbnormal,
          error_codes: JSON.stringify(p.errorCodes),
          created_by: ctx.actor?.userId ?? null,
        })
        .onConflict((oc) => oc.columns(['name', 'version']).doNothing())
        .returning(COLUMNS)
        .executeTakeFirst();
      // Registered by someone else between the check and the insert.
      if (!row) throw appError('CAD_PRODUCT_EXISTS');
      return toProduct(row);
    },
    (r) => ({ resourceId: r.id, details: { name: r.name, version: r.version } }),
  );
}
