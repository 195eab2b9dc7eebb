import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { lockOpenUpload } from './repo';
import { MAX_INGEST_ATTEMPTS } from './service';
import { sweepUploads, uploadDirectory } from './index';
import { createUpload, patchUpload, smallCxr } from './testSupport';

/**
 * What uploads leave open: a complete file whose ingest failed for a passing reason is never
 * expired nor dropped — the sweep hands it again to the one ingest path, once, under the same
 * row lock as the client's status request, and tells staff when it keeps failing; only
 * half-sent files expire.
 */
let fx: AppFixture;
let dir: string;
let clinic1: TestClient;
let n = 0;

beforeAll(async () => {
  fx = await appWithDemo();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-upload-sweep-'));
  clinic1 = await signIn(fx.app, 'clinic1');
});
afterAll(async () => {
  await fx?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const cxr = () => smallCxr(dir, ++n, 100 + n);

const create = (size: number) => createUpload(clinic1, size);

const patch = (id: string, offset: number, bytes: Buffer) =>
  patchUpload(clinic1, id, offset, bytes);

const status = (id: string) => clinic1.request({ method: 'GET', url: `/api/uploads/${id}` });
const partial = (id: string) => fs.existsSync(path.join(uploadDirectory(fx.dataDir), id));
const instances = (sopUid: string) =>
  fx.tdb.db.selectFrom('instances').select('id').where('sop_uid', '=', sopUid).execute();
const audits = (id: string, action: string) =>
  fx.tdb.db
    .selectFrom('audit_events')
    .select('id')
    .where('resource_id', '=', id)
    .where('action', '=', action)
    .execute();

/** The ingest the sweep uses: `full` refuses every object for want of disk (a passing 507). */
const ingest = (full: boolean) => ({
  db: fx.tdb.db,
  storage: fx.storage,
  minFreeBytes: full ? Number.MAX_SAFE_INTEGER : 0,
  maxObjectBytes: 1 << 30,
});
/** A sweep long after every upload's expiry. */
const sweepLate = (full: boolean) =>
  sweepUploads({
    db: fx.tdb.db,
    dataDir: fx.dataDir,
    ingest: ingest(full),
    expiryMs: 1,
    now: new Date(Date.now() + 60_000),
  });

/**
 * Sends all of `data` while another finisher holds the upload's row lock (as the sweep or a
 * status request in another process would): the final PATCH must not ingest it too.
 */
async function sendWhileLocked(data: Buffer): Promise<string> {
  const id = await create(data.length);
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let locked!: () => void;
  const isLocked = new Promise<void>((r) => (locked = r));
  const holder = fx.tdb.db.transaction().execute(async (trx) => {
    expect(await lockOpenUpload(trx, id)).toBeDefined();
    locked();
    await held;
  });
  await isLocked;
  try {
    const res = await patch(id, 0, data);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: 'UPLOAD_NOT_FINISHED' } });
    const s = await status(id);
    expect(s.statusCode).toBe(409);
    expect(s.json()).toMatchObject({ error: { code: 'UPLOAD_NOT_FINISHED' } });
  } finally {
    release();
    await holder;
  }
  return id;
}

describe('upload sweep', () => {
  it('one finisher at a time: while the row is locked, neither the final PATCH nor a status request ingests', async () => {
    const f = await cxr();
    const id = await sendWhileLocked(f.data);
    expect(await instances(f.sopInstanceUid)).toHaveLength(0);
    expect(partial(id)).toBe(true);
    // The lock is gone: the next status request finishes it, once.
    expect((await status(id)).json()).toMatchObject({ outcome: 'stored' });
    expect(await instances(f.sopInstanceUid)).toHaveLength(1);
    expect(await audits(id, 'upload.ingest')).toHaveLength(1);
  });

  it('never drops a complete upload: it retries ingest, flags it for staff after repeated failures, then stores it once', async () => {
    const f = await cxr();
    const id = await sendWhileLocked(f.data);
    // The client never asks again. The disk is full for a while: every sweep fails to ingest,
    // and the complete file is neither expired nor removed.
    for (let i = 1; i <= MAX_INGEST_ATTEMPTS; i++) {
      const swept = await sweepLate(true);
      expect(swept.failing).toBeGreaterThanOrEqual(1);
      expect(swept.stuck.includes(id)).toBe(i >= MAX_INGEST_ATTEMPTS);
      expect(partial(id)).toBe(true);
    }
    const waiting = await fx.tdb.db
      .selectFrom('uploads')
      .select(['outcome', 'error_code'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(waiting).toEqual({ outcome: null, error_code: 'STORAGE_FULL' });
    expect(await audits(id, 'upload.ingest.stuck')).toHaveLength(1);
    expect(await instances(f.sopInstanceUid)).toHaveLength(0);

    // Room again: the next sweep stores it through the one ingest path, audited once.
    const swept = await sweepLate(false);
    expect(swept.finished).toBeGreaterThanOrEqual(1);
    expect(await instances(f.sopInstanceUid)).toHaveLength(1);
    expect(await audits(id, 'upload.ingest')).toHaveLength(1);
    expect(partial(id)).toBe(false);
    expect((await status(id)).json()).toMatchObject({ outcome: 'stored', code: null });
    await sweepLate(false);
    expect(await audits(id, 'upload.ingest')).toHaveLength(1);
  });

  it('expires what was left half-sent: the partial file goes, the row says expired', async () => {
    const f = await cxr();
    const id = await create(f.data.length);
    await patch(id, 0, f.data.subarray(0, 100));
    // Not yet expired under the default expiry.
    await sweepUploads({ db: fx.tdb.db, dataDir: fx.dataDir, ingest: ingest(false) });
    expect(partial(id)).toBe(true);
    const swept = await sweepLate(false);
    expect(swept.rows).toBeGreaterThanOrEqual(1);
    expect(partial(id)).toBe(false);
    expect((await status(id)).json()).toMatchObject({ outcome: 'expired' });
  });
});
