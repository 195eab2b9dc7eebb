import type { SignReportAnswer } from '@telerad/contracts';
import { auditWrite } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { assertClinicScope } from '../auth';
import { loadVersions, reportRows } from './records';
import type { ReleaseQueue } from './jobs';
import { appendVersion, releaseAndComplete } from './release';
import { answerFor, stepUpIfConfigured } from './signing';
import { actorOf, signerOf } from './actors';

/** The released report an addendum may be added to, through the caller's clinic scope. */
async function addendable(ctx: ServiceContext, reportId: string, lock: boolean, db: Db) {
  const q = reportRows(db).where('r.id', '=', reportId);
  const row = await (lock ? q.forUpdate('r') : q).executeTakeFirst();
  if (!row) throw appError('NOT_FOUND', undefined, 'No such report.');
  assertClinicScope(actorOf(ctx), row.clinic_id);
  if (row.state !== 'final' || row.current_version === 0) throw appError('REPORT_NOT_RELEASED');
  return row;
}

/**
 * Appends an addendum version and releases it, in the caller's transaction (`trx`): the released
 * content is carried over with the addendum text, signed by the caller, and `report.released`
 * goes out again for the new version. Returns the version and the report's clinic. Another
 * module's settlement that ends in an addendum (a peer-review discrepancy) calls this so its own
 * change and the addendum commit together.
 */
export async function addendumInTransaction(
  ctx: ServiceContext,
  trx: Db,
  reportId: string,
  text: string,
  opts: { releases: ReleaseQueue; now: Date },
): Promise<{ version: number; clinicId: string }> {
  const row = await addendable(ctx, reportId, true, trx);
  const released = (await loadVersions(trx, [row.id], true)).get(row.id)?.at(-1);
  if (!released) throw appError('REPORT_NOT_RELEASED');
  const version = await appendVersion(trx, {
    reportId: row.id,
    kind: 'addendum',
    content: released.content,
    annotations: released.annotations,
    addendum: text,
    author: await signerOf(trx, actorOf(ctx)),
  });
  await releaseAndComplete({ ...ctx, db: trx }, opts.releases, {
    reportId: row.id,
    version,
    now: opts.now,
    completes: [],
  });
  return { version, clinicId: row.clinic_id };
}

/**
 * `POST /api/reports/:id/addenda`: a released report is never edited; an addendum is a new
 * version (kind `addendum`) carrying the released content and the addendum text, released at
 * once (`report.released` again, for the new version).
 */
export async function addAddendum(
  ctx: ServiceContext,
  reportId: string,
  body: { text: string; mfaCode?: string },
  opts: { releases: ReleaseQueue; now?: Date },
): Promise<SignReportAnswer> {
  await addendable(ctx, reportId, false, ctx.db);
  await stepUpIfConfigured(ctx, body.mfaCode, 'add this addendum');
  const now = opts.now ?? new Date();
  await ctx.db.transaction().execute(async (trx) => {
    const { version, clinicId } = await addendumInTransaction(ctx, trx, reportId, body.text, {
      releases: opts.releases,
      now,
    });
    await auditWrite(ctx, trx, { resourceId: reportId, clinicId, details: { version } });
  });
  return answerFor(ctx.db, reportId, { outcome: 'released', issues: [] });
}
