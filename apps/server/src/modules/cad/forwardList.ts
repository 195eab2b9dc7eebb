import type { CadForward } from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { inClinicScope, type ClinicScope } from '../auth';

/**
 * Integration `integrationId`'s forwarded images in the caller's clinics, the latest change
 * first, optionally only those in `state`: each with its attempts and last error, so support
 * sees what the CAD received and what it refused.
 */
export async function listCadForwards(
  db: Db,
  scope: ClinicScope,
  integrationId: string,
  q: { state?: 'pending' | 'sent' | 'failed'; limit?: number },
): Promise<CadForward[]> {
  const rows = await db
    .selectFrom('cad_forwards as f')
    .innerJoin('studies as s', 's.id', 'f.study_id')
    .innerJoin('clinics as c', 'c.id', 'f.clinic_id')
    .select([
      'f.id',
      's.study_uid',
      'c.code',
      'f.sop_instance_uid',
      'f.state',
      'f.attempts',
      'f.max_attempts',
      'f.last_error',
      'f.next_attempt_at',
      'f.sent_at',
      'f.updated_at',
    ])
    .where('f.integration_id', '=', integrationId)
    .where(inClinicScope(scope, 'f.clinic_id'))
    .$if(q.state !== undefined, (w) => w.where('f.state', '=', q.state!))
    .orderBy('f.updated_at', 'desc')
    .orderBy('f.id')
    .limit(q.limit ?? 100)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    studyUid: r.study_uid,
    clinicCode: r.code,
    sopInstanceUid: r.sop_instance_uid,
    state: r.state,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    lastError: r.last_error,
    nextAttemptAt: r.state === 'pending' ? r.next_attempt_at.toISOString() : null,
    sentAt: r.sent_at?.toISOString() ?? null,
    updatedAt: r.updated_at.toISOString(),
  }));
}
