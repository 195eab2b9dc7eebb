import type { CriticalFlag, ReportRecord } from '@telerad/contracts';
import { auditWrite } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { assertClinicScope } from '../auth';
import { flagCritical } from '../critical';
import { actorOf, signerOf } from './actors';
import { getReport } from './reads';
import { reportRows } from './records';

/**
 * `POST /api/reports/:id/critical`: flags a signed report critical after the fact (a finding
 * recognised on review). A released report alerts its clinic at once; a report held for a
 * consultant alerts it on release. Once per report; audited in the same transaction.
 */
export async function flagSignedReport(
  ctx: ServiceContext,
  reportId: string,
  flag: CriticalFlag,
  now = new Date(),
): Promise<ReportRecord> {
  const actor = actorOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await reportRows(trx)
      .where('r.id', '=', reportId)
      .forUpdate('r')
      .executeTakeFirst();
    if (!row) throw appError('NOT_FOUND', undefined, 'No such report.');
    assertClinicScope(actor, row.clinic_id);
    if (row.state !== 'final' && row.state !== 'pending_consultation')
      throw appError('CRITICAL_NOT_SIGNED');
    const task = await trx
      .selectFrom('reading_tasks')
      .select('centre_id')
      .where('id', '=', row.task_id)
      .executeTakeFirst();
    const criticalId = await flagCritical(trx, {
      reportId: row.id,
      studyId: row.study_id,
      clinicId: row.clinic_id,
      centreId: task?.centre_id ?? null,
      flag,
      flaggedBy: await signerOf(trx, actor),
      now,
      released: row.state === 'final' && row.released_at !== null,
    });
    await auditWrite(ctx, trx, {
      resourceId: row.id,
      clinicId: row.clinic_id,
      details: { criticalId, category: flag.category },
    });
  });
  return getReport(ctx, reportId);
}
