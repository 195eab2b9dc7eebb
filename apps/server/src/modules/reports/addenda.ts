import type { SignReportAnswer } from '@telerad/contracts';
import { auditWrite } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { assertClinicScope } from '../auth';
import { loadVersions, reportRows } from './records';
import type { ReleaseQueue } from './jobs';
import { appendVersion, releaseAndComplete } from './release';
import { answerFor, stepUpIfConfigured } from './signing';
import { actorOf, signerOf } from './actors';

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
  const actor = actorOf(ctx);
  const check = async (lock: boolean, db = ctx.db) => {
    const q = reportRows(db).where('r.id', '=', reportId);
    const row = await (lock ? q.forUpdate('r') : q).executeTakeFirst();
    if (!row) throw appError('NOT_FOUND', undefined, 'No such report.');
    assertClinicScope(actor, row.clinic_id);
    if (row.state !== 'final' || row.current_version === 0) throw appError('REPORT_NOT_RELEASED');
    return row;
  };
  await check(false);
  await stepUpIfConfigured(ctx, body.mfaCode, 'add this addendum');
  const now = opts.now ?? new Date();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await check(true, trx);
    const released = (await loadVersions(trx, [row.id], true)).get(row.id)?.at(-1);
    if (!released) throw appError('REPORT_NOT_RELEASED');
    const version = await appendVersion(trx, {
      reportId: row.id,
      kind: 'addendum',
      content: released.content,
      annotations: released.annotations,
      addendum: body.text,
      author: await signerOf(trx, actor),
    });
    await releaseAndComplete({ ...ctx, db: trx }, opts.releases, {
      reportId: row.id,
      version,
      now,
      completes: [],
    });
    await auditWrite(ctx, trx, {
      resourceId: row.id,
      clinicId: row.clinic_id,
      details: { version },
    });
  });
  return answerFor(ctx.db, reportId, { outcome: 'released', issues: [] });
}
