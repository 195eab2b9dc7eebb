import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../demo';
import { writeCxr, type WrittenFile } from '../../testing/dicomFixtures';
import { gate } from '../../testing/gate';
import { dimseOrigin } from '../../testing/ingestOrigin';
import { createTestDb, type TestDb } from '../../testing/testDb';
import { readHeader } from './header';
import { indexPayload } from './indexer';
import { IndexQueue, type IndexRow } from './indexQueue';
import { identify, type IngestOrigin } from './service';

// Concurrent index writes share statements (docs/adr/0007), each held open until its objects'
// bytes have their name (0009, 0010). These tests send writes straight to a queue, so which of
// them go together is known: the first write of a tick goes alone, and the rest wait for it and
// then go as one.

let tdb: TestDb;
let dir: string;
let demo1: IngestOrigin;
let demo2: IngestOrigin;
let n = 0;

beforeAll(async () => {
  tdb = await createTestDb();
  await seedDemo(tdb.db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-indexqueue-'));
  demo1 = await dimseOrigin(tdb.db, 'DEMO1');
  demo2 = await dimseOrigin(tdb.db, 'DEMO2');
});
afterAll(async () => {
  await tdb?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A new small CXR file, in a new study unless `studyUid` is given. */
const newFile = (studyUid?: string) =>
  writeCxr(path.join(dir, `f${++n}.dcm`), 'explicitLE', {
    rows: 16,
    columns: 16,
    ...(studyUid ? { study: { studyInstanceUid: studyUid } } : {}),
  });

/** What the queue is given for `f`, as ingest builds it. */
function write(f: WrittenFile, origin: IngestOrigin) {
  const bytes = fs.readFileSync(f.path);
  const header = readHeader(f.path, bytes.length, [bytes]);
  const ids = identify(header);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return {
    ...indexPayload({ header, ids, flags: [], key: sha256, size: bytes.length, sha256, origin }),
    studyUid: ids.studyUid,
    sopUid: ids.sopUid,
  };
}

const instanceOf = (sopUid: string) =>
  tdb.db
    .selectFrom('instances')
    .select(['id', 'study_id'])
    .where('sop_uid', '=', sopUid)
    .executeTakeFirst();

describe('IndexQueue', () => {
  it('sends writes that arrive while statements run as one, each answered with its own row', async () => {
    const q = new IndexQueue(tdb.db);
    // Four studies, their instances given in an order unlike the lock order (study, SOP UID).
    const studies = ['2.25.904', '2.25.903', '2.25.902', '2.25.901'].map(
      (s) => `${s}${Date.now()}`,
    );
    const files = await Promise.all(
      Array.from({ length: 8 }, (_, i) => newFile(studies[i % studies.length])),
    );
    const rows = await Promise.all(files.map((f) => q.write(write(f, demo1))));
    expect(q.statements).toBe(2); // one alone, then the other seven together
    for (const [i, f] of files.entries()) {
      const row = await instanceOf(f.sopInstanceUid);
      expect(rows[i]).toMatchObject({ outcome: 'stored', instance_id: row!.id, version: 1 });
      expect(rows[i]!.study_id).toBe(row!.study_id);
    }
    const counts = await tdb.db
      .selectFrom('studies')
      .select(['study_uid', 'num_instances'])
      .where('study_uid', 'in', studies)
      .execute();
    expect(counts.map((c) => c.num_instances)).toEqual([2, 2, 2, 2]);
  });

  it('gives a refused write in a batch its own error and stores the others', async () => {
    const q = new IndexQueue(tdb.db);
    // A study of DEMO2's, which DEMO1 then sends an instance of.
    const theirs = await newFile();
    await q.write(write(theirs, demo2));
    const intruder = await newFile(theirs.studyInstanceUid);
    const files = [await newFile(), await newFile(), await newFile(), intruder, await newFile()];
    const before = q.statements;
    const settled = await Promise.allSettled(files.map((f) => q.write(write(f, demo1))));
    // One alone; the batch of four fails as a whole and each of its writes is sent again alone.
    expect(q.statements - before).toBe(1 + 1 + 4);
    expect(settled.map((s) => s.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect((settled[3] as PromiseRejectedResult).reason).toMatchObject({ code: 'TL001' });
    expect(await instanceOf(intruder.sopInstanceUid)).toBeUndefined();
    for (const f of files.filter((f) => f !== intruder))
      expect(await instanceOf(f.sopInstanceUid)).toBeDefined();
  });

  it('does not hold every other arrival behind a write that waits for a locked study', async () => {
    const q = new IndexQueue(tdb.db);
    const held = await newFile();
    await q.write(write(held, demo1));
    // Another transaction holds the study row (an administrative change, say).
    const trx = await tdb.db.startTransaction().execute();
    await trx
      .selectFrom('studies')
      .select('id')
      .where('study_uid', '=', held.studyInstanceUid)
      .forUpdate()
      .execute();
    const [blockedFile, other] = [await newFile(held.studyInstanceUid), await newFile()];
    let blockedDone = false;
    const blocked = q.write(write(blockedFile, demo1)).finally(() => (blockedDone = true));
    const row = await q.write(write(other, demo1));
    expect(row.outcome).toBe('stored');
    expect(blockedDone).toBe(false);
    await trx.commit().execute();
    expect((await blocked).outcome).toBe('stored');
  });

  it('answers a duplicate within one batch as a duplicate of the first', async () => {
    const q = new IndexQueue(tdb.db);
    const [a, b, c] = [await newFile(), await newFile(), await newFile()];
    const writes = [write(a, demo1), write(b, demo1), write(c, demo1), write(c, demo1)];
    const rows: IndexRow[] = await Promise.all(writes.map((w) => q.write(w)));
    expect(rows.map((r) => r.outcome)).toEqual(['stored', 'stored', 'stored', 'duplicate']);
    expect(rows[3]!.instance_id).toBe(rows[2]!.instance_id);
  });

  /** Whether another transaction holds the study row (the held statement locked it). */
  async function studyLocked(studyUid: string): Promise<boolean> {
    const trx = await tdb.db.startTransaction().execute();
    try {
      await sql`select id from studies where study_uid = ${studyUid} for update nowait`.execute(
        trx,
      );
      return false;
    } catch (e) {
      if ((e as { code?: string }).code === '55P03') return true;
      throw e;
    } finally {
      await trx.rollback().execute();
    }
  }

  async function until(check: () => Promise<boolean>): Promise<void> {
    for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
  }

  /**
   * A second instance of a stored study, written to an idle queue while its bytes are not yet
   * placed: returns once its held statement has run (it holds the study row).
   */
  async function heldWrite(q: IndexQueue) {
    const first = await newFile();
    await q.write(write(first, demo1));
    const next = await newFile(first.studyInstanceUid);
    const placement = gate();
    let done = false;
    const pending = q
      .write(write(next, demo1), { placed: placement.promise, durable: placement.promise })
      .finally(() => (done = true));
    pending.catch(() => undefined); // awaited by the test
    await until(() => studyLocked(first.studyInstanceUid));
    return { first, next, pending, placement, done: () => done };
  }

  it('runs an idle write while its bytes flush, and commits it only once they have their name', async () => {
    const q = new IndexQueue(tdb.db);
    const { first, next, pending, placement, done } = await heldWrite(q);
    // The statement has run: it holds the study row, yet nothing it wrote is visible.
    expect(await studyLocked(first.studyInstanceUid)).toBe(true);
    expect(q.held).toBe(2);
    expect(await instanceOf(next.sopInstanceUid)).toBeUndefined();
    expect(done()).toBe(false);
    placement.open();
    expect((await pending).outcome).toBe('stored');
    expect(await instanceOf(next.sopInstanceUid)).toBeDefined();
    expect(await studyLocked(first.studyInstanceUid)).toBe(false);
  });

  it('rolls the held statement back when the bytes cannot be given their name', async () => {
    const q = new IndexQueue(tdb.db);
    const { first, next, pending, placement } = await heldWrite(q);
    placement.fail(new Error('rename failed'));
    await expect(pending).rejects.toThrow('rename failed');
    await until(async () => !(await studyLocked(first.studyInstanceUid)));
    expect(await studyLocked(first.studyInstanceUid)).toBe(false);
    expect(await instanceOf(next.sopInstanceUid)).toBeUndefined();
    const study = await tdb.db
      .selectFrom('studies')
      .select('num_instances')
      .where('study_uid', '=', first.studyInstanceUid)
      .executeTakeFirstOrThrow();
    expect(study.num_instances).toBe(1);
    // The queue goes on.
    expect((await q.write(write(next, demo1))).outcome).toBe('stored');
  });

  /**
   * Three new instances of stored studies written with gated placements: the first goes alone
   * and is let through; returns once the other two, sent together, hold their study rows.
   */
  async function heldBatch(q: IndexQueue) {
    const firsts = await Promise.all([newFile(), newFile(), newFile()]);
    for (const f of firsts) await q.write(write(f, demo1));
    const files = await Promise.all(firsts.map((f) => newFile(f.studyInstanceUid)));
    const statements = q.statements;
    const placements = files.map(() => gate());
    const pending = files.map((f, i) =>
      q.write(write(f, demo1), {
        placed: placements[i]!.promise,
        durable: placements[i]!.promise,
      }),
    );
    placements[0]!.open();
    await pending[0];
    await until(() => studyLocked(files[2]!.studyInstanceUid));
    return { files, placements, pending, statements };
  }

  it('runs a batch while its bytes flush, and commits it only once all of them have their name', async () => {
    const q = new IndexQueue(tdb.db);
    // The first goes alone; the other two go together at once, before any bytes are placed.
    const { files, placements, pending, statements } = await heldBatch(q);
    expect(await studyLocked(files[1]!.studyInstanceUid)).toBe(true);
    expect(q.statements - statements).toBe(2);
    placements[1]!.open();
    await new Promise((r) => setTimeout(r, 50));
    // One of the two still has no name: nothing of the batch is committed.
    expect(await instanceOf(files[1]!.sopInstanceUid)).toBeUndefined();
    placements[2]!.open();
    const rows = await Promise.all(pending);
    expect(rows.map((r) => r.outcome)).toEqual(['stored', 'stored', 'stored']);
    for (const f of files) expect(await instanceOf(f.sopInstanceUid)).toBeDefined();
  });

  it('stores the rest of a batch when one object of it cannot be given its name', async () => {
    const q = new IndexQueue(tdb.db);
    const { files, placements, pending, statements } = await heldBatch(q);
    placements[1]!.fail(new Error('rename failed'));
    placements[2]!.open();
    const settled = await Promise.allSettled(pending);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toMatchObject({
      message: 'rename failed',
    });
    expect(await instanceOf(files[1]!.sopInstanceUid)).toBeUndefined();
    expect(await instanceOf(files[2]!.sopInstanceUid)).toBeDefined();
    // The rolled-back batch, then the placed one again alone.
    expect(q.statements - statements).toBe(3);
  });
});
