import { QcSampling, type QcRules, type QcRulesAnswer } from '@telerad/contracts';
import { auditWrite } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';

const NONE: QcSampling = { mode: 'none' };

/** A stored rule this version cannot read samples nothing, as a paused rule would. */
const parsed = (raw: unknown): QcSampling => QcSampling.catch(NONE).parse(raw);

/** The rule in force for `clinicId`: its own, else the default, else none. */
export async function samplingFor(db: Db, clinicId: string): Promise<QcSampling> {
  const rows = await db
    .selectFrom('qc_rules')
    .select(['clinic_id', 'sampling'])
    .where((eb) => eb.or([eb('clinic_id', '=', clinicId), eb('clinic_id', 'is', null)]))
    .execute();
  const own = rows.find((r) => r.clinic_id === clinicId) ?? rows.find((r) => !r.clinic_id);
  return own ? parsed(own.sampling) : NONE;
}

/** `GET /api/qc/rules`: the default rule, the clinics' own, and the clinics they may name. */
export async function getQcRules(db: Db): Promise<QcRulesAnswer> {
  const [rows, clinics] = await Promise.all([
    db
      .selectFrom('qc_rules as r')
      .leftJoin('clinics as c', 'c.id', 'r.clinic_id')
      .select(['r.clinic_id', 'r.sampling'])
      .orderBy('c.code')
      .execute(),
    db.selectFrom('clinics').select(['id', 'code', 'name']).orderBy('code').execute(),
  ]);
  const def = rows.find((r) => !r.clinic_id);
  return {
    default: def ? parsed(def.sampling) : NONE,
    clinics: rows.flatMap((r) =>
      r.clinic_id ? [{ clinicId: r.clinic_id, sampling: parsed(r.sampling) }] : [],
    ),
    clinicOptions: clinics,
  };
}

/**
 * `PUT /api/qc/rules`: replaces the whole programme (the default and every clinic's own rule);
 * it applies to clinic reads sent from now on. Audited with before and after in the same
 * transaction.
 */
export async function putQcRules(ctx: ServiceContext, input: QcRules): Promise<QcRulesAnswer> {
  const ids = input.clinics.map((c) => c.clinicId);
  if (new Set(ids).size !== ids.length) throw appError('QC_RULE_DUPLICATE');
  await ctx.db.transaction().execute(async (trx) => {
    const before = await getQcRules(trx);
    if (ids.length) {
      const found = await trx.selectFrom('clinics').select('id').where('id', 'in', ids).execute();
      if (found.length !== ids.length)
        throw appError('NOT_FOUND', undefined, 'A rule names a clinic that does not exist.');
    }
    await trx.deleteFrom('qc_rules').execute();
    const by = ctx.actor?.userId ?? null;
    const now = new Date();
    await trx
      .insertInto('qc_rules')
      .values([
        {
          clinic_id: null,
          sampling: JSON.stringify(input.default),
          updated_at: now,
          updated_by: by,
        },
        ...input.clinics.map((c) => ({
          clinic_id: c.clinicId,
          sampling: JSON.stringify(c.sampling),
          updated_at: now,
          updated_by: by,
        })),
      ])
      .execute();
    await auditWrite(ctx, trx, {
      details: {
        before: { default: before.default, clinics: before.clinics },
        after: input,
      },
    });
  });
  return getQcRules(ctx.db);
}
