import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setStudyProgramme } from '../portal';
import {
  createPrimaryReadTask,
  getRoutingRules,
  holdForImages,
  onImagesArrived,
  putRoutingRules,
  readNowTask,
  reevaluateWaitingTasks,
  setTaskPriority,
} from '.';
import { ctxOf, newTask, useWorklistDb } from './testSupport';

/**
 * Every recomputation of a read's due time counts the programme the clinic chose for the study,
 * not the strictest of all the clinic's programmes: with US 240, CA 120 and AUNZ 600 minutes, a
 * DEMO1 read chosen for AUNZ stays on AUNZ's 600 minutes through a priority change, a hold and
 * its resumption, a read-now, and routing again while it waits.
 */

/** Wednesday 10:00 in Manila: the Global Centre is open. */
const OPEN = new Date('2026-03-04T02:00:00Z');
const LATER = new Date('2026-03-04T03:30:00Z');
/** Wednesday 23:00 in Nairobi, Thursday 04:00 in Manila: both demo centres are closed. */
const CLOSED = new Date('2026-03-04T20:00:00Z');
const CLOCK = (now: Date) => ({ now, claimTimeoutSeconds: 300 });
const MINUTE = 60_000;

const w = useWorklistDb();
const admin = () => ctxOf(w.tdb.db, w.ids.user.admin!, ['admin']);

beforeEach(async () => {
  const { rules } = await getRoutingRules(w.tdb.db);
  await putRoutingRules(admin(), {
    ...rules,
    slaMinutes: {
      ...rules.slaMinutes,
      // Urgent sits between the strictest programme (CA) and the chosen one (AUNZ).
      byPriority: { stat: 15, urgent: 480 },
      byProgramme: { US: 240, CA: 120, AUNZ: 600 },
    },
  });
});
afterEach(() => onImagesArrived(null));

/** A DEMO1 read routed at `at` whose clinic chose AUNZ for its study. */
async function aunzRead(at: Date): Promise<{ taskId: string; studyId: string }> {
  const taskId = await newTask(w.tdb.db, w.ids.clinic.DEMO1!, at);
  const { study_id: studyId } = await row(taskId);
  const { study_uid: studyUid } = await w.tdb.db
    .selectFrom('studies')
    .select('study_uid')
    .where('id', '=', studyId)
    .executeTakeFirstOrThrow();
  const clinic = ctxOf(w.tdb.db, w.ids.user.clinic1!, ['clinic'], [w.ids.clinic.DEMO1!]);
  await setStudyProgramme(clinic, studyUid, { programme: 'AUNZ' }, at);
  return { taskId, studyId };
}

const row = (id: string) =>
  w.tdb.db
    .selectFrom('reading_tasks')
    .select(['study_id', 'state', 'queued_at', 'due_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

/** Minutes from the read's queue time to its due time. */
async function slaOf(id: string): Promise<number> {
  const t = await row(id);
  return (t.due_at!.getTime() - t.queued_at!.getTime()) / MINUTE;
}

describe('a read chosen for AUNZ', () => {
  it('is due by AUNZ once chosen, not by CA, the strictest of the clinic', async () => {
    const before = await newTask(w.tdb.db, w.ids.clinic.DEMO1!, OPEN);
    expect(await slaOf(before)).toBe(120);
    const { taskId } = await aunzRead(OPEN);
    expect(await slaOf(taskId)).toBe(600);
  });

  it('keeps AUNZ when its priority changes', async () => {
    const { taskId } = await aunzRead(OPEN);
    await setTaskPriority(admin(), taskId, 'urgent', 'Haemoptysis', CLOCK(OPEN));
    expect(await slaOf(taskId)).toBe(480);
    await setTaskPriority(admin(), taskId, 'routine', undefined, CLOCK(OPEN));
    expect(await slaOf(taskId)).toBe(600);
  });

  it('keeps AUNZ when it is queued again after a hold for images', async () => {
    const { taskId, studyId } = await aunzRead(OPEN);
    await w.tdb.db.transaction().execute((trx) => holdForImages(trx, taskId));
    onImagesArrived(async () => true);
    await createPrimaryReadTask(
      w.tdb.db,
      { studyId, stableAt: LATER.toISOString(), numInstances: 2 },
      LATER,
    );
    const t = await row(taskId);
    expect(t).toMatchObject({ state: 'queued', queued_at: LATER });
    expect(await slaOf(taskId)).toBe(600);
  });

  it('keeps AUNZ when a reader reads it now, before its centre opens', async () => {
    const { taskId } = await aunzRead(CLOSED);
    expect((await row(taskId)).state).toBe('waiting');
    const reader = ctxOf(w.tdb.db, w.ids.user.radiologist!, ['radiologist']);
    await readNowTask(reader, taskId, 'Clinic called: flight tonight', CLOCK(CLOSED));
    const t = await row(taskId);
    expect(t).toMatchObject({ state: 'in_progress', queued_at: CLOSED });
    expect(await slaOf(taskId)).toBe(600);
  });

  it('keeps AUNZ when routing times it again while it waits', async () => {
    const { taskId } = await aunzRead(CLOSED);
    expect((await row(taskId)).state).toBe('waiting');
    const { rules } = await getRoutingRules(w.tdb.db);
    // Pinned to the Regional Centre, the read waits for Nairobi's opening instead of Manila's.
    await putRoutingRules(admin(), {
      ...rules,
      pinnedCentreByClinic: { [w.ids.clinic.DEMO1!]: w.ids.centre['Regional Centre']! },
    });
    const moved = await w.tdb.db
      .transaction()
      .execute((trx) => reevaluateWaitingTasks(trx, CLOSED));
    expect(moved.moved).toEqual([taskId]);
    expect(await slaOf(taskId)).toBe(600);
  });
});
