import { afterEach, describe, expect, it } from 'vitest';
import { createPrimaryReadTask, holdForImages, onImagesArrived, type HeldForImages } from '.';
import { newTask, useWorklistDb } from './testSupport';

/** Wednesday 10:00 in Manila: the Global Centre is open. */
const OPEN = new Date('2026-03-04T02:00:00Z');
const LATER = new Date('2026-03-04T03:30:00Z');

const w = useWorklistDb();
afterEach(() => onImagesArrived(null));

/** A primary read held for images (as a retake leaves it), and its study. */
async function heldRead(): Promise<{ taskId: string; studyId: string }> {
  const taskId = await newTask(w.tdb.db, w.ids.clinic.DEMO1!, OPEN);
  await w.tdb.db.transaction().execute((trx) => holdForImages(trx, taskId));
  const t = await w.tdb.db
    .selectFrom('reading_tasks')
    .select(['study_id', 'state', 'assignee_id'])
    .where('id', '=', taskId)
    .executeTakeFirstOrThrow();
  expect(t).toMatchObject({ state: 'awaiting_images', assignee_id: null });
  return { taskId, studyId: t.study_id };
}

/** The study is stable again: the stable-study path finds its open read. */
const stableAgain = (studyId: string) =>
  createPrimaryReadTask(
    w.tdb.db,
    { studyId, stableAt: LATER.toISOString(), numInstances: 2 },
    LATER,
  );

const taskOf = (id: string) =>
  w.tdb.db
    .selectFrom('reading_tasks')
    .select(['state', 'queued_at', 'due_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe('a read held for images', () => {
  it('is an error, not a silent skip, when no module handles the arrival of images', async () => {
    const { taskId, studyId } = await heldRead();
    await expect(stableAgain(studyId)).rejects.toThrow(/held for images but no module handles/);
    expect((await taskOf(taskId)).state).toBe('awaiting_images');
  });

  it('stays held when the holder says no, and leaves no change of the holder behind', async () => {
    const { taskId, studyId } = await heldRead();
    const asked: HeldForImages[] = [];
    onImagesArrived(async (_trx, held) => {
      asked.push(held);
      return false;
    });
    expect(await stableAgain(studyId)).toEqual({ outcome: 'exists', taskId });
    expect(asked).toEqual([{ taskId, studyId, now: LATER }]);
    expect((await taskOf(taskId)).state).toBe('awaiting_images');
  });

  it('queues again with a fresh SLA clock when the holder says images arrived', async () => {
    const { taskId, studyId } = await heldRead();
    const first = await taskOf(taskId);
    onImagesArrived(async () => true);
    await stableAgain(studyId);
    const t = await taskOf(taskId);
    expect(t.state).toBe('queued');
    expect(t.queued_at).toEqual(LATER);
    // The same SLA target as routing gave it, counted again from now.
    const sla = first.due_at!.getTime() - first.queued_at!.getTime();
    expect(sla).toBeGreaterThan(0);
    expect(t.due_at!.getTime() - LATER.getTime()).toBe(sla);
    expect(w.events).toContainEqual({ type: 'task.updated', taskId });
  });

  it("rolls the resumption back when the holder's settling fails", async () => {
    const { taskId, studyId } = await heldRead();
    onImagesArrived(async () => {
      throw new Error('holder failed');
    });
    await expect(stableAgain(studyId)).rejects.toThrow('holder failed');
    expect((await taskOf(taskId)).state).toBe('awaiting_images');
  });
});
