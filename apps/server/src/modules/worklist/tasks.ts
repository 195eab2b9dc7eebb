import { deskChange, type Priority, type RoutingDecision } from '@telerad/contracts';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { publishInTransaction } from '../../platform/realtime';
import { latestCadResults } from '../cad';
import { queueCadRun } from '../cadRunner';
import { SR_SOP_CLASSES, type StudyStableEvent } from '../ingest';
import { matchStudyToOrder } from '../orders';
import { chosenProgramme } from '../portal';
import { emitTaskEvents } from './events';
import { pushAssign } from './assignment';
import { routeStudy, type RouteResult } from './routing';
import { knownProgrammes, loadRoutableCentres, timedBy } from './routingData';
import { getRoutingRules } from './rules';
import { resumeAfterNewImages } from './holds';
import { raiseForCadTriage } from './cadTriage';

/** What creating a primary read did. */
export type CreatePrimaryReadResult =
  | { outcome: 'created'; taskId: string; route: RouteResult }
  | { outcome: 'exists'; taskId: string }
  | { outcome: 'study_missing' }
  /** No Patient ID: the study waits in the "needs attention" list (modules/attention). */
  | { outcome: 'awaiting_identity' }
  /**
   * Its clinic holds images until they answer a registered applicant's order, and none matched:
   * the study waits on the desk's list of images without an order until matched by hand.
   */
  | { outcome: 'awaiting_order' }
  /**
   * Nothing to read: the study holds no image yet (only a clinic's SR, which waits for its
   * images), or no image arrived since its last primary read finished (an SR sent after the read).
   */
  | { outcome: 'no_new_images' };

/** The open-state filter of the one-open-primary-read index (migration 0006). */
const OPEN_PRIMARY = sql<boolean>`type = 'primary_read' and state not in ('completed', 'cancelled')`;

/**
 * Creates the primary-read task for a study that became stable, routed by the rules in force at
 * `now`, and records the routing decision; all in one transaction. Idempotent: while the study
 * has an open primary read (a study re-stabilised after new images, or a redelivered event), it
 * changes nothing and returns that task. A study deleted since the event was sent is skipped.
 * `now` is the routing instant and the task's creation time; pass it explicitly so tests and
 * replays do not depend on the wall clock.
 */
export async function createPrimaryReadTask(
  db: Db,
  event: Pick<StudyStableEvent, 'studyId' | 'stableAt' | 'numInstances'>,
  now: Date,
  opts: { priority?: Priority } = {},
): Promise<CreatePrimaryReadResult> {
  const result = await db.transaction().execute(async (trx): Promise<CreatePrimaryReadResult> => {
    const existing = await findOpenPrimaryRead(trx, event.studyId);
    if (existing) return { outcome: 'exists', taskId: existing };
    if (!(await imagesSinceLastRead(trx, event.studyId))) return { outcome: 'no_new_images' };

    const study = await trx
      .selectFrom('studies')
      .innerJoin('clinics', 'clinics.id', 'studies.clinic_id')
      .select([
        'studies.id as studyId',
        'clinics.id as clinicId',
        'clinics.code',
        'clinics.home_centre_id',
        'clinics.programmes',
        'studies.patient_id',
      ])
      .where('studies.id', '=', event.studyId)
      .executeTakeFirst();
    if (!study) return { outcome: 'study_missing' };
    // A report must reach the right applicant: without an ID (header or correction) the study
    // is not read until an assistant enters one; the correction then calls this again.
    if (study.patient_id.trim() === '') {
      // It joins its clinic's desk: open desks refresh when this commits.
      await publishInTransaction(trx, deskChange(study.clinicId, 'attention'));
      return { outcome: 'awaiting_identity' };
    }
    // The study meets its order (or is recorded as meeting none) before it is routed: a match
    // gives it the order's programme, which times the read, and the order's priority.
    const match = await matchStudyToOrder(trx, study.studyId, now);
    if (match.outcome !== 'matched' && match.outcome !== 'off' && match.policy === 'require')
      return { outcome: 'awaiting_order' };
    const priority =
      opts.priority ?? (match.outcome === 'matched' ? match.priority : undefined) ?? 'routine';

    const centres = await loadRoutableCentres(trx);
    const { rules, source } = await getRoutingRules(trx);
    // A study read again (new images after its report) keeps the programme its clinic chose.
    const clinic = timedBy(
      {
        id: study.clinicId,
        code: study.code,
        homeCentreId: study.home_centre_id,
        programmes: knownProgrammes(study.programmes),
      },
      await chosenProgramme(trx, study.studyId),
    );
    const route = routeStudy({
      clinic,
      centres,
      rules,
      priority,
      at: now,
    });

    const inserted = await trx
      .insertInto('reading_tasks')
      .values({
        study_id: study.studyId,
        clinic_id: study.clinicId,
        type: 'primary_read',
        state: route.state,
        priority,
        centre_id: route.centreId,
        created_at: now,
        queued_at: route.queuedAt,
        due_at: route.dueAt,
        routing_reason: route.reason,
      })
      .onConflict((oc) => oc.column('study_id').where(OPEN_PRIMARY).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      // Another worker created it between our check and insert; it committed first.
      const winner = await findOpenPrimaryRead(trx, event.studyId);
      if (!winner) throw new Error(`open primary read for study ${event.studyId} vanished`);
      return { outcome: 'exists', taskId: winner };
    }

    await recordRoutingDecision(trx, {
      taskId: inserted.id,
      at: now,
      centreId: route.centreId,
      decision: route.decision,
      reason: route.reason,
      details: {
        ...route.details,
        state: route.state,
        queuedAt: route.queuedAt?.toISOString() ?? null,
        dueAt: route.dueAt?.toISOString() ?? null,
        stableAt: event.stableAt,
        numInstances: event.numInstances,
        rules: source,
      },
    });
    // The centre's own CAD model scores the study off the request path; its job commits with
    // the read (nothing is queued when no model is configured).
    await queueCadRun(trx, { studyId: study.studyId });
    // A CAD score that arrived before its read was created raises it now, as it would have.
    const cad = (await latestCadResults(trx, [study.studyId], now)).get(study.studyId);
    if (cad?.band === 'triage' && cad.triageThreshold !== null)
      await raiseForCadTriage(trx, {
        studyId: study.studyId,
        resultId: cad.resultId,
        product: cad.product,
        version: cad.version,
        score: cad.score,
        triageThreshold: cad.triageThreshold,
        programme: cad.programme,
        now,
      });
    return { outcome: 'created', taskId: inserted.id, route };
  });
  // After the commit: a listener that loads the task must find it.
  if (result.outcome === 'created') {
    await emitTaskEvents({ type: 'task.created', taskId: result.taskId });
    // A push-mode centre hands the new task to an on-shift reader at once.
    if (result.route.state === 'queued') await pushAssign(db, { now, taskIds: [result.taskId] });
  }
  // A read waiting for a retake goes back to the queue when new images made the study stable.
  if (result.outcome === 'exists') await resumeAfterNewImages(db, event.studyId, now);
  return result;
}

/**
 * Whether a study that holds a Structured Report has an image (any other object) received after
 * its last finished primary read, or at all when it has none; a study without an SR always
 * passes. A study re-stabilised by an SR alone thus never gets a read of its own: the SR is the
 * clinic's read (modules/qc), not images to read, and a study holding only an SR waits for them.
 */
async function imagesSinceLastRead(db: Db, studyId: string): Promise<boolean> {
  const sr = sql.val(SR_SOP_CLASSES);
  const { rows } = await sql<{ ok: boolean }>`
    select not exists (
      select 1 from instances i
      where i.study_id = ${studyId} and i.current and i.sop_class_uid = any(${sr}::text[])
    ) or exists (
      select 1 from instances i
      where i.study_id = ${studyId} and i.current and i.sop_class_uid <> all(${sr}::text[])
        and i.received_at > coalesce((
          select max(coalesce(t.completed_at, t.created_at)) from reading_tasks t
          where t.study_id = ${studyId} and t.type = 'primary_read'
            and t.state in ('completed', 'cancelled')), '-infinity')
    ) as ok`.execute(db);
  return rows[0]?.ok ?? true;
}

/** The id of the study's open primary read, if any. */
async function findOpenPrimaryRead(db: Db, studyId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('reading_tasks')
    .select('id')
    .where('study_id', '=', studyId)
    .where(OPEN_PRIMARY)
    .executeTakeFirst();
  return row?.id;
}

/** Appends one routing decision to a task's history (every decision is kept, with its reason). */
export async function recordRoutingDecision(
  db: Db,
  d: {
    taskId: string;
    at: Date;
    centreId: string | null;
    decision: RoutingDecision;
    reason: string;
    details: Record<string, unknown>;
  },
): Promise<void> {
  await db
    .insertInto('routing_decisions')
    .values({
      task_id: d.taskId,
      at: d.at,
      centre_id: d.centreId,
      decision: d.decision,
      reason: d.reason,
      details: JSON.stringify(d.details),
    })
    .execute();
}
