import {
  deskChange,
  type CriticalResult,
  type CriticalResultList,
  type CriticalResultQuery,
} from '@telerad/contracts';
import { auditedTransaction } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { publishInTransaction } from '../../platform/realtime';
import { appError } from '../../platform/errors';
import { clinicScope, inClinicScope } from '../auth';
import { criticalRows, toCriticalResult } from './records';
import { getCriticalSettings } from './settings';

/**
 * `GET /api/critical-results`: the caller's clinics' critical results (a clinic user: their own
 * clinics'; staff: all), released to the clinic, newest first; `open` keeps those nobody has
 * acknowledged (the clinic's banner).
 */
export async function listCriticalResults(
  ctx: ServiceContext,
  q: CriticalResultQuery,
): Promise<CriticalResultList> {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  let query = criticalRows(ctx.db)
    .where(inClinicScope(clinicScope(ctx.actor), 'k.clinic_id'))
    .where('k.alerted_at', 'is not', null);
  if (q.state === 'open') query = query.where('k.acknowledged_at', 'is', null);
  const [rows, settings] = await Promise.all([
    query.orderBy('k.alerted_at', 'desc').orderBy('k.id').limit(q.limit).execute(),
    getCriticalSettings(ctx.db),
  ]);
  return { results: rows.map((r) => toCriticalResult(r, settings)) };
}

/**
 * `POST /api/critical-results/:id/acknowledge`: a named clinic user confirms the clinic has the
 * critical result. The first acknowledgement stands (who and when: the closed loop on the report
 * record); another user's later press answers it unchanged. Audited in the same transaction;
 * escalation stops, as the sweep takes only unacknowledged alerts under the same row lock.
 */
export async function acknowledgeCritical(
  ctx: ServiceContext,
  id: string,
  now = new Date(),
): Promise<CriticalResult> {
  const actor = ctx.actor;
  if (!actor) throw appError('UNAUTHENTICATED');
  await auditedTransaction(
    ctx,
    async (trx) => {
      const row = await trx
        .selectFrom('critical_results')
        .select(['id', 'clinic_id', 'report_id', 'alerted_at', 'acknowledged_at'])
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!row) throw appError('NOT_FOUND', undefined, 'No such critical result.');
      if (!row.alerted_at) throw appError('CRITICAL_NOT_ALERTED');
      if (row.acknowledged_at) return { row, first: false };
      const user = await trx
        .selectFrom('users')
        .select('display_name')
        .where('id', '=', actor.userId)
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('critical_results')
        .set({
          acknowledged_by: actor.userId,
          acknowledged_by_name: user.display_name,
          acknowledged_at: now,
        })
        .where('id', '=', id)
        .execute();
      // The alert leaves its clinic's desks when this commits.
      await publishInTransaction(trx, deskChange(row.clinic_id, 'critical'));
      return { row, first: true };
    },
    ({ row, first }) => ({
      resourceId: row.id,
      clinicId: row.clinic_id,
      details: { reportId: row.report_id, first },
    }),
  );
  return criticalResultById(ctx.db, id);
}

/** One critical result by id, as the API shows it. */
export async function criticalResultById(db: Db, id: string): Promise<CriticalResult> {
  const [row, settings] = await Promise.all([
    criticalRows(db).where('k.id', '=', id).executeTakeFirstOrThrow(),
    getCriticalSettings(db),
  ]);
  return toCriticalResult(row, settings);
}

/**
 * The critical results of some reports, by report id, for the report record. A clinic user gets
 * only those alerted (a held report's flag is the centre's until release).
 */
export async function criticalOfReports(
  db: Db,
  reportIds: readonly string[],
  opts: { alertedOnly: boolean },
): Promise<Map<string, CriticalResult>> {
  const out = new Map<string, CriticalResult>();
  if (reportIds.length === 0) return out;
  let q = criticalRows(db).where('k.report_id', 'in', [...reportIds]);
  if (opts.alertedOnly) q = q.where('k.alerted_at', 'is not', null);
  const [rows, settings] = await Promise.all([q.execute(), getCriticalSettings(db)]);
  for (const r of rows) out.set(r.report_id, toCriticalResult(r, settings));
  return out;
}
