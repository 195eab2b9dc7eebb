import { deskChange, type StudyReleaseResult } from '@telerad/contracts';
import { auditWrite } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { publishInTransaction } from '../../platform/realtime';
import { assertClinicScope } from '../auth';
import { createPrimaryReadTask } from '../worklist';
import { recordFlagReview } from './identity';

/**
 * Releases a held study to the reading worklist after a person looked at its flags: the flags
 * are marked as reviewed, with the audit event and the desk's live event, in one transaction;
 * then the study's primary read is created through `createPrimaryReadTask`, the one function
 * that makes reads (it refuses a study without an applicant ID, so this refuses it first).
 * Should the process stop between the commit and that call, the reconciler of stable studies
 * creates the read. A study still receiving images follows when it becomes stable.
 */
export async function releaseStudy(
  ctx: ServiceContext,
  studyUid: string,
  note: string | undefined,
  now: Date = new Date(),
): Promise<StudyReleaseResult> {
  const study = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('studies')
      .select(['id', 'clinic_id', 'patient_id', 'stable_at', 'num_instances'])
      .where('study_uid', '=', studyUid)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw appError('NOT_FOUND', undefined, 'No such study.');
    assertClinicScope(ctx.actor!, row.clinic_id);
    if (row.patient_id.trim() === '') throw appError('STUDY_IDENTITY_REQUIRED');
    await recordFlagReview(trx, row.id, ctx.actor!.userId, note);
    await auditWrite(ctx, trx, {
      resourceId: studyUid,
      clinicId: row.clinic_id,
      details: { note: note ?? null, stable: row.stable_at !== null },
    });
    await publishInTransaction(trx, deskChange(row.clinic_id, 'attention'));
    return row;
  });
  if (!study.stable_at) return { worklist: 'not_stable' };
  const r = await createPrimaryReadTask(
    ctx.db,
    {
      studyId: study.id,
      stableAt: study.stable_at.toISOString(),
      numInstances: study.num_instances,
    },
    now,
  );
  return { worklist: r.outcome === 'created' ? 'created' : 'exists' };
}
