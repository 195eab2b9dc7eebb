import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrimaryReadTask, onImagesArrived, reconcileStableStudies } from '.';
import { insertStudy, useWorklistDb } from './testSupport';

const f = useWorklistDb();
// The held read's holder: no new images have arrived for it.
afterEach(() => onImagesArrived(null));

/** A logger that keeps its warnings, to count the repairs it reported. */
function capturingLog() {
  const lines: { msg: string; studyId?: string }[] = [];
  const log = pino({ level: 'warn' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  return { log, lines };
}

const primaryReadsOf = (studyId: string) =>
  f.tdb.db
    .selectFrom('reading_tasks')
    .select(['id', 'state'])
    .where('study_id', '=', studyId)
    .where('type', '=', 'primary_read')
    .execute();

/** A study that became stable `secondsAgo` and got its primary read, left in `state`. */
async function handedOff(secondsAgo: number, state: string): Promise<string> {
  const at = new Date(Date.now() - secondsAgo * 1000);
  const studyId = await insertStudy(f.tdb.db, f.ids.clinic.DEMO1!, at);
  const r = await createPrimaryReadTask(
    f.tdb.db,
    { studyId, stableAt: at.toISOString(), numInstances: 1 },
    at,
  );
  if (r.outcome !== 'created') throw new Error(r.outcome);
  await f.tdb.db.updateTable('reading_tasks').set({ state }).where('id', '=', r.taskId).execute();
  return studyId;
}

describe('reconcileStableStudies', () => {
  it('creates the missing primary read of a stable study once, and leaves handed-off ones', async () => {
    const db = f.tdb.db;
    const old = new Date(Date.now() - 600_000);
    const missed = await insertStudy(db, f.ids.clinic.DEMO1!, old);
    const missedToo = await insertStudy(db, f.ids.clinic.DEMO2!, old);
    const completed = await handedOff(600, 'completed');
    const cancelled = await handedOff(600, 'cancelled');
    const retake = await handedOff(600, 'awaiting_images');
    onImagesArrived(async () => false);
    const queued = await handedOff(600, 'queued');
    // Within the grace period its study.stable job may still be on its way: not a miss yet.
    const fresh = await insertStudy(db, f.ids.clinic.DEMO1!, new Date());
    const receiving = await insertStudy(db, f.ids.clinic.DEMO1!, old);
    await db.updateTable('studies').set({ stable_at: null }).where('id', '=', receiving).execute();

    f.events.length = 0;
    const { log, lines } = capturingLog();
    const first = await reconcileStableStudies(db, { cursor: null, log, graceSeconds: 60 });
    expect(first.repaired).toHaveLength(2);
    expect(first.skipped).toBe(0);
    expect(lines.map((l) => l.studyId).sort()).toEqual([missed, missedToo].sort());
    expect(lines[0]!.msg).toMatch(/hand-off to the worklist was missed/);
    for (const s of [missed, missedToo]) expect(await primaryReadsOf(s)).toHaveLength(1);
    for (const s of [completed, cancelled, retake, queued])
      expect(await primaryReadsOf(s)).toHaveLength(1);
    expect(await primaryReadsOf(fresh)).toHaveLength(0);
    expect(await primaryReadsOf(receiving)).toHaveLength(0);
    expect(f.events.filter((e) => e.type === 'task.created')).toHaveLength(2);

    // The next pass starts after the last study seen: nothing is looked at twice.
    const next = await reconcileStableStudies(db, { cursor: first.cursor, log, graceSeconds: 60 });
    expect(next.examined).toBe(0);
    expect(next.cursor).toEqual(first.cursor);
    // A walk from the beginning (a restart) finds the history whole and logs nothing.
    const again = await reconcileStableStudies(db, { cursor: null, log, graceSeconds: 60 });
    expect(again.examined).toBe(first.examined);
    expect(again.repaired).toEqual([]);
    expect(lines).toHaveLength(2);
  });

  it('walks the history in bounded batches and then follows studies that become stable', async () => {
    const db = f.tdb.db;
    const { log, lines } = capturingLog();
    // Catch up with everything stable so far.
    let cursor = null;
    for (;;) {
      const r = await reconcileStableStudies(db, { cursor, log, graceSeconds: 0, batchSize: 3 });
      expect(r.examined).toBeLessThanOrEqual(3);
      if (r.examined === 0) break;
      cursor = r.cursor;
    }
    const warned = lines.length;
    const later = [
      await insertStudy(db, f.ids.clinic.DEMO1!, new Date()),
      await insertStudy(db, f.ids.clinic.DEMO1!, new Date()),
    ];
    const r = await reconcileStableStudies(db, { cursor, log, graceSeconds: 0, batchSize: 3 });
    expect(r.examined).toBe(2);
    expect(r.repaired).toHaveLength(2);
    for (const s of later) expect(await primaryReadsOf(s)).toHaveLength(1);
    expect(lines).toHaveLength(warned + 2);
    // A study re-stabilised after new images moves past the cursor and is looked at again; it
    // has its read, so nothing is repaired or logged. It is dated a second ahead so that it
    // sorts after the cursor whatever the clock's resolution, hence the negative grace.
    await db
      .updateTable('studies')
      .set({ stable_at: new Date(Date.now() + 1000) })
      .where('id', '=', later[0]!)
      .execute();
    const restable = await reconcileStableStudies(db, {
      cursor: r.cursor,
      log,
      graceSeconds: -5,
      batchSize: 3,
    });
    expect(restable.examined).toBe(1);
    expect(restable.repaired).toEqual([]);
    expect(lines).toHaveLength(warned + 2);
  });
});
