import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { uploadDirectory } from './index';
import { TUS, createUpload, patchUpload, smallCxr } from './testSupport';

/**
 * Browser upload over tus (https://tus.io/protocols/resumable-upload): a file sent in two
 * pieces with a cut between them is stored exactly once through the one ingest path (door
 * `upload`); the completing PATCH answers ingest's result; refusals, duplicates and another
 * clinic's uploads; and what is never finished is left to the sweep (sweep.int.test.ts).
 */
let fx: AppFixture;
let dir: string;
let clinic1: TestClient;
let clinic2: TestClient;
let n = 0;

beforeAll(async () => {
  fx = await appWithDemo();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-upload-'));
  clinic1 = await signIn(fx.app, 'clinic1');
  clinic2 = await signIn(fx.app, 'clinic2');
});
afterAll(async () => {
  await fx?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const cxr = () => smallCxr(dir, ++n);

const create = (client: TestClient, size: number, name = 'image.dcm') =>
  createUpload(client, size, name);
const patch = patchUpload;

async function send(client: TestClient, data: Buffer, name?: string) {
  const id = await create(client, data.length, name);
  const res = await patch(client, id, 0, data);
  return { id, res };
}

const instances = (sopUid: string) =>
  fx.tdb.db
    .selectFrom('instances')
    .select(['id', 'door', 'user_id'])
    .where('sop_uid', '=', sopUid)
    .execute();
const partial = (id: string) => fs.existsSync(path.join(uploadDirectory(fx.dataDir), id));

describe('browser upload (tus)', () => {
  it('resumes after a cut: half, then HEAD, then the rest; stored once, door upload, answered with the result', async () => {
    const f = await cxr();
    const id = await create(clinic1, f.data.length, 'chest.dcm');
    const half = Math.floor(f.data.length / 2);
    const first = await patch(clinic1, id, 0, f.data.subarray(0, half));
    expect(first.statusCode, first.body).toBe(204);
    expect(first.headers['upload-offset']).toBe(String(half));
    // Nothing is in the archive yet, and the status says so.
    expect(await instances(f.sopInstanceUid)).toHaveLength(0);
    const pending = await clinic1.request({ method: 'GET', url: `/api/uploads/${id}` });
    expect(pending.json()).toMatchObject({ outcome: 'receiving', fileName: 'chest.dcm' });

    // The link came back: the client asks where it stopped and sends only the rest.
    const head = await clinic1.request({ method: 'HEAD', url: `/api/uploads/${id}`, headers: TUS });
    expect(head.statusCode).toBe(200);
    expect(head.headers['upload-offset']).toBe(String(half));
    const rest = await patch(clinic1, id, half, f.data.subarray(half));
    expect(rest.statusCode, rest.body).toBe(200);
    expect(rest.json()).toMatchObject({
      id,
      outcome: 'stored',
      sopUid: f.sopInstanceUid,
      studyUid: f.studyInstanceUid,
      code: null,
    });

    const rows = await instances(f.sopInstanceUid);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.door).toBe('upload');
    // The stored bytes are exactly the file's.
    const stored = await fx.tdb.db
      .selectFrom('instances')
      .select('size_bytes')
      .where('sop_uid', '=', f.sopInstanceUid)
      .executeTakeFirstOrThrow();
    expect(Number(stored.size_bytes)).toBe(f.data.length);
    // The partial file is gone once the result is recorded; the result stays.
    expect(partial(id)).toBe(false);
    const again = await clinic1.request({ method: 'GET', url: `/api/uploads/${id}` });
    expect(again.json()).toMatchObject({ outcome: 'stored', sopUid: f.sopInstanceUid });
    const audit = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['action', 'outcome'])
      .where('resource_id', '=', id)
      .where('action', '=', 'upload.ingest')
      .execute();
    expect(audit).toEqual([{ action: 'upload.ingest', outcome: 'success' }]);
  });

  it('answers duplicate for a file already stored, and keeps one copy', async () => {
    const f = await cxr();
    expect((await send(clinic1, f.data)).res.json()).toMatchObject({ outcome: 'stored' });
    const { res } = await send(clinic1, f.data);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ outcome: 'duplicate', sopUid: f.sopInstanceUid });
    expect(await instances(f.sopInstanceUid)).toHaveLength(1);
  });

  it('refuses a file that is not DICOM, with the catalogue reason, and stores nothing', async () => {
    const before = await fx.tdb.db.selectFrom('instances').select('id').execute();
    const { id, res } = await send(
      clinic1,
      Buffer.from('%PDF-1.4 not an x-ray\n'.repeat(40)),
      'a.pdf',
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, outcome: 'refused', code: 'DICOM_UNREADABLE' });
    expect(res.json().message).toBeTruthy();
    const after = await fx.tdb.db.selectFrom('instances').select('id').execute();
    expect(after.length).toBe(before.length);
  });

  it('refuses a file larger than the archive accepts before any byte is sent', async () => {
    const res = await clinic1.request({
      method: 'POST',
      url: '/api/uploads',
      headers: { ...TUS, 'upload-length': String(513 * 1024 * 1024) },
    });
    expect(res.statusCode).toBe(413);
    expect(
      await fx.tdb.db
        .selectFrom('uploads')
        .select('id')
        .where('size_bytes', '=', String(513 * 1024 * 1024))
        .execute(),
    ).toHaveLength(0);
  });

  it("refuses another clinic's upload as missing: no offset, no bytes, no result", async () => {
    const f = await cxr();
    const id = await create(clinic1, f.data.length);
    const head = await clinic2.request({ method: 'HEAD', url: `/api/uploads/${id}`, headers: TUS });
    expect(head.statusCode).toBe(404);
    expect(head.headers['upload-offset']).toBeUndefined();
    const push = await patch(clinic2, id, 0, f.data);
    expect(push.statusCode).toBe(404);
    const status = await clinic2.request({ method: 'GET', url: `/api/uploads/${id}` });
    expect(status.statusCode).toBe(404);
    expect(await instances(f.sopInstanceUid)).toHaveLength(0);
    // DEMO1's own user still resumes from zero.
    const own = await clinic1.request({ method: 'HEAD', url: `/api/uploads/${id}`, headers: TUS });
    expect(own.headers['upload-offset']).toBe('0');
  });

  it('acknowledges nothing before ingest has: a passing ingest failure keeps the bytes and the status finishes it', async () => {
    const f = await cxr();
    const id = await create(clinic1, f.data.length);
    // An app over the same database and data whose disk floor refuses every object (507).
    const full = await buildApp({
      config: {
        dataDir: fx.dataDir,
        secureCookies: false,
        webDir: '/nonexistent',
        archive: {
          minFreeBytes: Number.MAX_SAFE_INTEGER,
          maxObjectBytes: 1 << 30,
          stableSeconds: 1,
        },
      },
      db: fx.tdb.db,
      storage: fx.storage,
      jobs: fx.jobs,
    });
    await full.ready();
    try {
      const res = await patch(clinic1, id, 0, f.data, full);
      expect(res.statusCode).toBe(507);
      expect(res.json()).toMatchObject({ error: { code: 'STORAGE_FULL' } });
    } finally {
      await full.close();
    }
    expect(await instances(f.sopInstanceUid)).toHaveLength(0);
    expect(partial(id)).toBe(true);
    // The disk has room again: the client's status request finishes the upload.
    const status = await clinic1.request({ method: 'GET', url: `/api/uploads/${id}` });
    expect(status.json()).toMatchObject({ outcome: 'stored', sopUid: f.sopInstanceUid });
    expect(await instances(f.sopInstanceUid)).toHaveLength(1);
  });

  it('tells which images the clinic already sent, and only of its own clinics', async () => {
    const f = await cxr();
    await send(clinic1, f.data);
    const mine = await clinic1.request({
      method: 'POST',
      url: '/api/uploads/already-sent',
      payload: { sopUids: [f.sopInstanceUid, '1.2.3.4.5'] },
    });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().sent).toEqual([
      expect.objectContaining({ sopUid: f.sopInstanceUid, studyUid: f.studyInstanceUid }),
    ]);
    const theirs = await clinic2.request({
      method: 'POST',
      url: '/api/uploads/already-sent',
      payload: { sopUids: [f.sopInstanceUid] },
    });
    expect(theirs.json()).toEqual({ sent: [] });
  });
});
