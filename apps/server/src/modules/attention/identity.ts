import {
  deskChange,
  type IdentityCorrection,
  type IdentityCorrectionResult,
} from '@telerad/contracts';
import { writeAudit } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { publishInTransaction } from '../../platform/realtime';
import { setEffectiveIdentity } from '../archive';
import { assertClinicScope } from '../auth';
import { createPrimaryReadTask } from '../worklist';

/**
 * Records the applicant's identity an assistant entered for a study whose header lacks it (or
 * has a wrong one), and makes it the study's effective identity. One transaction holds the
 * correction (with the header's identity as received), the study row's new identity and the
 * audit event; the stored bytes are never touched.
 *
 * A stable study then enters the reading worklist through `createPrimaryReadTask`, the function
 * that refused it while it had no ID. The transaction also re-opens the study (stable_at null):
 * should the process stop between the commit and that call, the stability watcher marks the
 * study stable again and its event creates the task through the same function.
 */
export async function correctIdentity(
  ctx: ServiceContext,
  studyUid: string,
  body: IdentityCorrection,
  now: Date = new Date(),
): Promise<IdentityCorrectionResult & { clinicId: string }> {
  const patientName = body.givenName ? `${body.familyName}^${body.givenName}` : body.familyName;
  const done = await ctx.db.transaction().execute(async (trx) => {
    const study = await trx
      .selectFrom('studies')
      .select(['id', 'clinic_id', 'patient_id', 'patient_name', 'stable_at', 'num_instances'])
      .where('study_uid', '=', studyUid)
      .forUpdate()
      .executeTakeFirst();
    if (!study) throw appError('NOT_FOUND', undefined, 'No such study.');
    assertClinicScope(ctx.actor!, study.clinic_id);
    const received = await recordIdentityCorrection(trx, ctx.actor!.userId, study, {
      patientId: body.patientId,
      patientName,
      reason: body.reason ?? null,
    });
    await writeAudit(
      { ...ctx, db: trx },
      {
        action: 'study.identity.correct',
        outcome: 'success',
        resourceType: 'study',
        resourceId: studyUid,
        clinicId: study.clinic_id,
        details: {
          before: { patientId: study.patient_id, patientName: study.patient_name },
          after: { patientId: body.patientId, patientName },
          received,
          reason: body.reason ?? null,
        },
      },
    );
    await publishInTransaction(trx, deskChange(study.clinic_id, 'attention'));
    return study;
  });
  let worklist: IdentityCorrectionResult['worklist'] = 'not_stable';
  if (done.stable_at) {
    const r = await createPrimaryReadTask(
      ctx.db,
      {
        studyId: done.id,
        stableAt: done.stable_at.toISOString(),
        numInstances: done.num_instances,
      },
      now,
    );
    if (r.outcome === 'created' || r.outcome === 'exists') worklist = r.outcome;
  }
  return { patientId: body.patientId, patientName, worklist, clinicId: done.clinic_id };
}

/**
 * Records an identity correction of a study (locked by the caller) on the caller's transaction:
 * the correction row with the header's identity as first received, the study's new effective
 * identity, and the study re-opened (stable_at null) so the stability watcher brings it back
 * to `createPrimaryReadTask` should the caller stop before calling it. Returns the received identity.
 */
export async function recordIdentityCorrection(
  trx: Db,
  userId: string,
  study: { id: string; patient_id: string; patient_name: string | null; stable_at: Date | null },
  next: { patientId: string; patientName: string; reason: string | null },
): Promise<{ patientId: string; patientName: string | null }> {
  const first = await trx
    .selectFrom('patient_identity_corrections')
    .select(['received_patient_id', 'received_patient_name'])
    .where('study_id', '=', study.id)
    .orderBy('id')
    .executeTakeFirst();
  const received = {
    patientId: first ? first.received_patient_id : study.patient_id,
    patientName: first ? first.received_patient_name : study.patient_name,
  };
  await trx
    .insertInto('patient_identity_corrections')
    .values({
      study_id: study.id,
      patient_id: next.patientId,
      patient_name: next.patientName,
      received_patient_id: received.patientId,
      received_patient_name: received.patientName,
      reason: next.reason,
      corrected_by: userId,
    })
    .execute();
  await setEffectiveIdentity(trx, study.id, next);
  if (study.stable_at)
    await trx.updateTable('studies').set({ stable_at: null }).where('id', '=', study.id).execute();
  return received;
}

/**
 * A person looked at a study's flags: those raised so far leave the list, with the audit event
 * in the same transaction. A flag raised by a later arrival brings the study back.
 */
export async function reviewFlags(
  ctx: ServiceContext,
  studyUid: string,
  note: string | undefined,
): Promise<{ clinicId: string }> {
  return ctx.db.transaction().execute(async (trx) => {
    const study = await trx
      .selectFrom('studies')
      .select(['id', 'clinic_id'])
      .where('study_uid', '=', studyUid)
      .executeTakeFirst();
    if (!study) throw appError('NOT_FOUND', undefined, 'No such study.');
    assertClinicScope(ctx.actor!, study.clinic_id);
    await recordFlagReview(trx, study.id, ctx.actor!.userId, note);
    await writeAudit(
      { ...ctx, db: trx },
      {
        action: 'study.flags.review',
        outcome: 'success',
        resourceType: 'study',
        resourceId: studyUid,
        clinicId: study.clinic_id,
        details: { note: note ?? null },
      },
    );
    await publishInTransaction(trx, deskChange(study.clinic_id, 'attention'));
    return { clinicId: study.clinic_id };
  });
}

/**
 * Marks every flag a study has so far as looked at by `userId`, in the caller's transaction;
 * a flag raised by a later arrival opens the study again.
 */
export async function recordFlagReview(
  trx: Db,
  studyId: string,
  userId: string,
  note: string | undefined,
): Promise<void> {
  const at = new Date();
  await trx
    .insertInto('study_flag_reviews')
    .values({ study_id: studyId, reviewed_at: at, reviewed_by: userId, note: note ?? null })
    .onConflict((oc) =>
      oc
        .column('study_id')
        .doUpdateSet({ reviewed_at: at, reviewed_by: userId, note: note ?? null }),
    )
    .execute();
}
