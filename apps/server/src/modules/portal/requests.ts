import {
  Programme,
  type Priority,
  type StudyProgrammeBody,
  type StudyRequest,
} from '@telerad/contracts';
import { auditedTransaction } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { assertClinicScope } from '../auth';
import { emitTaskEvents, lockStudyPrimaryRead, retimeStudyRead } from '../worklist';

/** The study a request names, locked for the caller's transaction, within the caller's scope. */
async function lockStudy(ctx: ServiceContext, trx: Db, studyUid: string) {
  const s = await trx
    .selectFrom('studies')
    .innerJoin('clinics as c', 'c.id', 'studies.clinic_id')
    .select(['studies.id', 'studies.clinic_id', 'c.programmes'])
    .where('studies.study_uid', '=', studyUid)
    .forUpdate('studies')
    .executeTakeFirst();
  if (!s) throw appError('NOT_FOUND', undefined, 'No such study.');
  assertClinicScope(ctx.actor!, s.clinic_id);
  return s;
}

/** Tells the browsers that the study's open read changed (after commit), so lists refresh. */
async function announce(taskId: string | null | undefined): Promise<void> {
  if (taskId) await emitTaskEvents({ type: 'task.updated', taskId });
}

/**
 * What the clinic asked of the reader for a study: its clinical note, its programme and, from
 * the study's latest primary read, its priority and the reason given for it.
 */
export async function getStudyRequest(
  ctx: ServiceContext,
  studyUid: string,
): Promise<StudyRequest> {
  const row = await ctx.db
    .selectFrom('studies')
    .leftJoin('study_requests as sr', 'sr.study_id', 'studies.id')
    .select([
      'studies.id',
      'studies.clinic_id',
      'sr.clinical_note',
      'sr.note_updated_at',
      'sr.programme',
    ])
    .where('studies.study_uid', '=', studyUid)
    .executeTakeFirst();
  if (!row) throw appError('NOT_FOUND', undefined, 'No such study.');
  assertClinicScope(ctx.actor!, row.clinic_id);
  const task = await ctx.db
    .selectFrom('reading_tasks')
    .select(['priority', 'priority_reason'])
    .where('study_id', '=', row.id)
    .where('type', '=', 'primary_read')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return {
    studyUid,
    clinicalNote: row.clinical_note ?? null,
    noteUpdatedAt: row.note_updated_at ? row.note_updated_at.toISOString() : null,
    programme: (row.programme ?? null) as Programme | null,
    priority: (task?.priority ?? null) as Priority | null,
    priorityReason: task?.priority_reason ?? null,
  };
}

/**
 * Sets the clinic's note for the reader (symptoms, history, prior TB treatment). The note and
 * its audit event commit together; the reader sees it in the reading screen's header.
 */
export async function setClinicalNote(
  ctx: ServiceContext,
  studyUid: string,
  note: string,
  now: Date = new Date(),
): Promise<StudyRequest> {
  const taskId = await auditedTransaction(
    ctx,
    async (trx) => {
      const s = await lockStudy(ctx, trx, studyUid);
      await trx
        .insertInto('study_requests')
        .values({
          study_id: s.id,
          clinic_id: s.clinic_id,
          clinical_note: note,
          note_updated_at: now,
          note_updated_by: ctx.actor!.userId,
        })
        .onConflict((oc) =>
          oc.column('study_id').doUpdateSet({
            clinical_note: note,
            note_updated_at: now,
            note_updated_by: ctx.actor!.userId,
          }),
        )
        .execute();
      const read = await lockStudyPrimaryRead(trx, s.id);
      return { clinicId: s.clinic_id, taskId: read?.taskId ?? null };
    },
    (r) => ({ resourceId: studyUid, clinicId: r.clinicId, details: { length: note.length } }),
  );
  await announce(taskId.taskId);
  return getStudyRequest(ctx, studyUid);
}

/**
 * Chooses the receiving programme of a study whose clinic serves several: the report form the
 * reader gets follows it (reports read it through `chosenProgramme`). Refused once the read has
 * started, since the reader may already be writing on the other programme's form; the read's
 * task row is locked meanwhile, so a claim either waits for the choice or refuses it. The read's
 * due time follows the chosen programme's SLA target in the same transaction.
 */
export async function setStudyProgramme(
  ctx: ServiceContext,
  studyUid: string,
  body: StudyProgrammeBody,
  now: Date = new Date(),
): Promise<StudyRequest> {
  const r = await auditedTransaction(
    ctx,
    async (trx) => {
      const s = await lockStudy(ctx, trx, studyUid);
      if (!s.programmes.includes(body.programme)) throw appError('PROGRAMME_NOT_SERVED');
      const read = await lockStudyPrimaryRead(trx, s.id);
      if (read?.started) throw appError('PROGRAMME_READ_STARTED');
      const before = await trx
        .selectFrom('study_requests')
        .select('programme')
        .where('study_id', '=', s.id)
        .executeTakeFirst();
      await trx
        .insertInto('study_requests')
        .values({
          study_id: s.id,
          clinic_id: s.clinic_id,
          programme: body.programme,
          programme_set_at: now,
          programme_set_by: ctx.actor!.userId,
        })
        .onConflict((oc) =>
          oc.column('study_id').doUpdateSet({
            programme: body.programme,
            programme_set_at: now,
            programme_set_by: ctx.actor!.userId,
          }),
        )
        .execute();
      // The read is due by the chosen programme's SLA target from now on, committed with the
      // choice; the task.updated event below carries the new due time to worklists and desks.
      const dueAt = read ? await retimeStudyRead(trx, read.taskId) : null;
      return {
        clinicId: s.clinic_id,
        taskId: read?.taskId ?? null,
        from: before?.programme,
        dueAt,
      };
    },
    (r) => ({
      resourceId: studyUid,
      clinicId: r.clinicId,
      details: {
        from: r.from ?? null,
        to: body.programme,
        ...(r.dueAt ? { dueAt: r.dueAt.toISOString() } : {}),
      },
    }),
  );
  await announce(r.taskId);
  return getStudyRequest(ctx, studyUid);
}

/**
 * The programme the clinic chose for a study, or null when it chose none (the reader then
 * chooses among the clinic's programmes' forms). The reports module decides the form from it.
 */
export async function chosenProgramme(db: Db, studyId: string): Promise<Programme | null> {
  return (await chosenProgrammes(db, [studyId])).get(studyId) ?? null;
}

/**
 * The programmes chosen for `studyIds`, by study id (a study with no choice is absent), in one
 * query: routing reads it for every waiting read it times again.
 */
export async function chosenProgrammes(
  db: Db,
  studyIds: readonly string[],
): Promise<Map<string, Programme>> {
  const chosen = new Map<string, Programme>();
  if (!studyIds.length) return chosen;
  const rows = await db
    .selectFrom('study_requests')
    .select(['study_id', 'programme'])
    .where('study_id', 'in', [...new Set(studyIds)])
    .execute();
  for (const r of rows) {
    const parsed = Programme.safeParse(r.programme);
    if (parsed.success) chosen.set(r.study_id, parsed.data);
  }
  return chosen;
}

/**
 * What an order asked for, given to the study that answers it, in the caller's transaction: its
 * programme and clinical note, each only where the clinic has not set one by hand for the study
 * (a choice made on the study page wins over the order's).
 */
export async function applyOrderRequest(
  trx: Db,
  r: { studyId: string; clinicId: string; programme: string; note: string; at: Date },
): Promise<void> {
  const note = r.note.trim() || null;
  await trx
    .insertInto('study_requests')
    .values({
      study_id: r.studyId,
      clinic_id: r.clinicId,
      clinical_note: note,
      note_updated_at: note ? r.at : null,
      programme: r.programme,
      programme_set_at: r.at,
    })
    .onConflict((oc) =>
      oc.column('study_id').doUpdateSet((eb) => ({
        clinical_note: eb.fn.coalesce('study_requests.clinical_note', 'excluded.clinical_note'),
        note_updated_at: eb.fn.coalesce(
          'study_requests.note_updated_at',
          'excluded.note_updated_at',
        ),
        programme: eb.fn.coalesce('study_requests.programme', 'excluded.programme'),
        programme_set_at: eb.fn.coalesce(
          'study_requests.programme_set_at',
          'excluded.programme_set_at',
        ),
      })),
    )
    .execute();
}
