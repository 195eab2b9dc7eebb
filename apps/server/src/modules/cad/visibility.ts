import {
  DEFAULT_CAD_VISIBILITY,
  PROGRAMMES,
  type CadVisibility,
  type CadVisibilityEntry,
  type CadVisibilitySet,
  type Programme,
} from '@telerad/contracts';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { auditedTransaction } from '../../platform/audit';

/**
 * The CAD visibility of each given programme (docs/adr/0043): its setting, else blind first.
 * One query whatever the number of programmes.
 */
export async function visibilityOf(
  db: Db,
  programmes: readonly string[],
): Promise<Map<string, CadVisibility>> {
  const out = new Map<string, CadVisibility>();
  const wanted = [...new Set(programmes)];
  for (const p of wanted) out.set(p, DEFAULT_CAD_VISIBILITY);
  if (!wanted.length) return out;
  const rows = await db
    .selectFrom('cad_visibility')
    .select(['programme', 'visibility'])
    .where('programme', 'in', wanted)
    .execute();
  for (const r of rows) out.set(r.programme, r.visibility as CadVisibility);
  return out;
}

/** Every programme's CAD visibility, set or by default, in the programmes' order. */
export async function listVisibility(db: Db): Promise<CadVisibilityEntry[]> {
  const rows = await db
    .selectFrom('cad_visibility as v')
    .leftJoin('users as u', 'u.id', 'v.set_by')
    .select(['v.programme', 'v.visibility', 'v.set_at', 'u.display_name'])
    .execute();
  const byProgramme = new Map(rows.map((r) => [r.programme, r]));
  return PROGRAMMES.map((programme: Programme) => {
    const r = byProgramme.get(programme);
    return {
      programme,
      visibility: (r?.visibility as CadVisibility | undefined) ?? DEFAULT_CAD_VISIBILITY,
      set: r !== undefined,
      setByName: r?.display_name ?? null,
      setAt: r ? r.set_at.toISOString() : null,
    };
  });
}

/**
 * Sets a programme's CAD visibility (QA or an administrator), audited in its transaction with
 * the value it replaces. Setting the value already in force still records who confirmed it.
 */
export async function setVisibility(
  ctx: ServiceContext,
  body: CadVisibilitySet,
  now: Date,
): Promise<CadVisibilityEntry> {
  await auditedTransaction(
    ctx,
    async (trx) => {
      const before = (await visibilityOf(trx, [body.programme])).get(body.programme)!;
      await trx
        .insertInto('cad_visibility')
        .values({
          programme: body.programme,
          visibility: body.visibility,
          set_by: ctx.actor?.userId ?? null,
          set_at: now,
        })
        .onConflict((oc) =>
          oc.column('programme').doUpdateSet({
            visibility: body.visibility,
            set_by: ctx.actor?.userId ?? null,
            set_at: now,
          }),
        )
        .execute();
      return before;
    },
    (before) => ({
      resourceId: body.programme,
      details: { programme: body.programme, before, after: body.visibility },
    }),
  );
  return (await listVisibility(ctx.db)).find((e) => e.programme === body.programme)!;
}
