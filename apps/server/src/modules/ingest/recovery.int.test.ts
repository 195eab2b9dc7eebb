import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../demo';
import { AppError } from '../../platform/errors';
import { filesystemStorage, type ObjectStorage } from '../../platform/storage';
import { writeCxr } from '../../testing/dicomFixtures';
import { createTestDb, type TestDb } from '../../testing/testDb';
import { recoverStaging } from './recovery';
import { storeInstance, type IngestDeps, type IngestOrigin } from './service';
import { stagedFiles } from '../../testing/staging';
import { gate } from '../../testing/gate';
import { dimseOrigin } from '../../testing/ingestOrigin';

// Ingest commits an object's index rows alongside the flush of its rename (docs/adr/0004).
// These tests hold the two halves apart and play the machine stopping in between.

let tdb: TestDb;
let dir: string;
let dataDir: string;
let storage: ObjectStorage;
let origin: IngestOrigin;
let n = 0;

beforeAll(async () => {
  tdb = await createTestDb();
  await seedDemo(tdb.db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-recovery-'));
  dataDir = path.join(dir, 'data');
  storage = filesystemStorage(dataDir);
  origin = await dimseOrigin(tdb.db, 'DEMO1');
});
afterAll(async () => {
  await tdb?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const deps = (s: ObjectStorage = storage): IngestDeps => ({
  db: tdb.db,
  storage: s,
  minFreeBytes: 0,
  maxObjectBytes: 64 * 1024 * 1024,
});
const newFile = () => writeCxr(path.join(dir, `f${++n}.dcm`), 'explicitLE', { rows: 32 });
const indexed = async (sopUid: string) =>
  (await tdb.db.selectFrom('instances').select('id').where('sop_uid', '=', sopUid).execute())
    .length;
const staging = (d = dataDir) => stagedFiles(d);

/** The storage, with each object's `placed` held until `open()` (or failed by `fail()`). */
function gatedStorage() {
  const { promise: held, open, fail } = gate();
  const gated: ObjectStorage = {
    ...storage,
    place(staged) {
      const p = storage.place(staged);
      const placed = held.then(() => p.placed);
      const durable = placed.then(() => p.durable);
      durable.catch(() => undefined); // as the real storage: awaited or not, never unhandled
      return { key: p.key, placed, durable };
    },
  };
  return { gated, open, fail };
}

describe('ingest: index written once the bytes have their name', () => {
  it('never commits the index rows before the bytes have their name', async () => {
    const f = await newFile();
    const { gated, open } = gatedStorage();
    const storing = storeInstance(deps(gated), fs.createReadStream(f.path), origin);
    // The bytes have their name on disk, but ingest has not been told: the rows must wait.
    const key = createHash('sha256').update(fs.readFileSync(f.path)).digest('hex');
    await expect.poll(async () => fs.existsSync(await storage.pathOf(key))).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    expect(await indexed(f.sopInstanceUid)).toBe(0);
    open();
    const r = await storing;
    expect(r.outcome).toBe('stored');
    expect(await indexed(f.sopInstanceUid)).toBe(1);
    expect(fs.readFileSync(await storage.pathOf(r.sha256)).equals(fs.readFileSync(f.path))).toBe(
      true,
    );
  });

  it('writes no rows when the object cannot be placed, and leaves nothing staged', async () => {
    const f = await newFile();
    const { gated, fail } = gatedStorage();
    const storing = storeInstance(deps(gated), fs.createReadStream(f.path), origin);
    setTimeout(() => fail(Object.assign(new Error('no space'), { code: 'ENOSPC' })), 50);
    const err = await storing.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('STORAGE_FULL');
    expect(await indexed(f.sopInstanceUid)).toBe(0);
    expect(staging()).toEqual([]);
  });
});

describe('recoverStaging', () => {
  it('gives a committed object whose rename was lost its name, and deletes what was never acknowledged', async () => {
    // A run of the server (its own data directory) stores an object, then the machine stops
    // before the rename reached the disk: the row committed, the bytes sit whole in staging/.
    const data = path.join(dir, 'run-1');
    const run = filesystemStorage(data);
    const kept = await newFile();
    const r = await storeInstance(deps(run), fs.createReadStream(kept.path), origin);
    fs.renameSync(await run.pathOf(r.sha256), path.join(data, 'staging', '1-lost-rename.part'));
    expect(fs.existsSync(await run.pathOf(r.sha256))).toBe(false);

    // Leftovers that were never acknowledged: a whole object never indexed, a torn one, and
    // garbage; and the run's unused spare files.
    const unindexed = await newFile();
    fs.copyFileSync(unindexed.path, path.join(data, 'staging', '2-unindexed.part'));
    const bytes = fs.readFileSync(kept.path);
    fs.writeFileSync(path.join(data, 'staging', '3-torn.part'), bytes.subarray(0, 700));
    fs.writeFileSync(path.join(data, 'staging', '4-garbage.part'), 'not dicom');
    // Files opened ahead of need and never taken are empty.
    const spares = fs.readdirSync(path.join(data, 'staging')).length - 4;
    expect(spares).toBeGreaterThan(0);
    // A data directory of an earlier version kept them in spare/.
    fs.mkdirSync(path.join(data, 'spare'));
    fs.writeFileSync(path.join(data, 'spare', 'old.part'), '');

    // The next start.
    const next = filesystemStorage(data);
    const report = await recoverStaging(tdb.db, next);

    expect(report).toEqual({ restored: [r.sha256], discarded: 3 });
    expect(fs.readFileSync(await next.pathOf(r.sha256)).equals(bytes)).toBe(true);
    expect(staging(data)).toEqual([]);
    expect(fs.readdirSync(path.join(data, 'staging')).length).toBeLessThanOrEqual(2); // new spares
    expect(fs.existsSync(path.join(data, 'spare'))).toBe(false);
    expect(await indexed(unindexed.sopInstanceUid)).toBe(0);
    // And it stores again.
    const after = await newFile();
    const again = await storeInstance(deps(next), fs.createReadStream(after.path), origin);
    expect(again.outcome).toBe('stored');
  });

  it('does nothing on a clean start', async () => {
    const data = path.join(dir, 'run-2');
    const f = await newFile();
    await storeInstance(deps(filesystemStorage(data)), fs.createReadStream(f.path), origin);
    const report = await recoverStaging(tdb.db, filesystemStorage(data));
    expect(report).toEqual({ restored: [], discarded: 0 });
  });
});
