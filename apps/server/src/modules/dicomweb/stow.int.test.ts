import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import {
  brokenFiles,
  writeCxr,
  type BrokenFile,
  type BrokenName,
} from '../../testing/dicomFixtures';
import { as, stowAs, stowBody, stowItems } from './testSupport';
import { stagingEmpty } from '../../testing/staging';

/**
 * STOW-RS refusals: every kind of bad input gets its own reason in the response, the HTTP status
 * follows PS3.18 §10.5.3, nothing half-stored is indexed, and the server carries on.
 */
let fx: AppFixture;
let dir: string;
let broken: Record<BrokenName, BrokenFile>;
let n = 0;

beforeAll(async () => {
  fx = await appWithDemo();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-stow-'));
  broken = await brokenFiles(path.join(dir, 'broken'));
});
afterAll(async () => {
  await fx?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh small valid CXR file. */
async function good(opts: Parameters<typeof writeCxr>[2] = {}) {
  const f = await writeCxr(path.join(dir, `good-${++n}.dcm`), 'explicitLE', {
    rows: 32,
    columns: 32,
    seed: n,
    ...opts,
  });
  return { ...f, bytes: fs.readFileSync(f.path) };
}
const indexed = async (sopUid: string) =>
  (await fx.tdb.db.selectFrom('instances').select('id').where('sop_uid', '=', sopUid).execute())
    .length;
const instanceCount = async () =>
  (await fx.tdb.db.selectFrom('instances').select('id').execute()).length;
const staged = () => stagingEmpty(fx.dataDir);

/** Another app over the same database and storage, with other ingest limits. */
async function appWith(archive: {
  minFreeBytes: number;
  maxObjectBytes: number;
}): Promise<FastifyInstance> {
  const app = await buildApp({
    config: {
      dataDir: fx.dataDir,
      secureCookies: false,
      webDir: '/nonexistent',
      archive: { ...archive, stableSeconds: 1 },
    },
    db: fx.tdb.db,
    storage: fx.storage,
    jobs: fx.jobs,
  });
  await app.ready();
  return app;
}

describe('STOW-RS failures', () => {
  it('answers 202 with a specific reason for each bad instance and stores only the good one', async () => {
    const ok = await good();
    const before = await instanceCount();
    const names: BrokenName[] = [
      'truncated-pixel-data',
      'garbage',
      'missing-study-uid',
      'missing-sop-instance-uid',
      'oversized-length-implicit',
      'meta-sop-class-mismatch',
    ];
    const res = await stowAs(fx.app, 'clinic1', [
      ok.bytes,
      ...names.map((b) => fs.readFileSync(broken[b].path)),
      { body: Buffer.from('not dicom'), type: 'text/plain' },
    ]);
    expect(res.statusCode, res.body).toBe(202);
    const { stored, failed } = stowItems(res);
    expect(stored.map((s) => s.sopUid)).toEqual([ok.sopInstanceUid]);
    expect(failed.map((f) => f.code)).toEqual([
      'DICOM_UNREADABLE',
      'DICOM_UNREADABLE',
      'DICOM_REQUIRED_MISSING',
      'DICOM_REQUIRED_MISSING',
      'DICOM_UNREADABLE',
      'DICOM_SOP_CLASS_MISMATCH',
      'DICOM_UNREADABLE',
    ]);
    expect(failed.map((f) => f.reason)).toEqual([
      0xc000, 0xc000, 0xc001, 0xc001, 0xc000, 0xa900, 0xc000,
    ]);
    expect(failed[2]!.message).toContain('Study Instance UID');
    expect(failed[6]!.message).toContain('text/plain');
    for (const f of failed) expect(f.message.length).toBeGreaterThan(10);
    // The parsed SOP Instance UID identifies a refused object when it could be read.
    expect(failed[5]!.sopUid).toMatch(/^[\d.]+$/);
    expect(await instanceCount()).toBe(before + 1);
    expect(staged()).toBe(true);
  });

  it('answers 409 when every instance fails, and the server carries on', async () => {
    const res = await stowAs(fx.app, 'clinic1', [
      fs.readFileSync(broken['zero-bytes'].path),
      fs.readFileSync(broken['no-dicm-magic'].path),
    ]);
    expect(res.statusCode).toBe(409);
    expect(stowItems(res).failed.map((f) => f.code)).toEqual([
      'DICOM_UNREADABLE',
      'DICOM_UNREADABLE',
    ]);
    const again = await stowAs(fx.app, 'clinic1', [(await good()).bytes]);
    expect(again.statusCode).toBe(200);
  });

  it('refuses instances of another study than the one in the URL, before storing them', async () => {
    const a = await good();
    const b = await good();
    const res = await stowAs(fx.app, 'clinic1', [a.bytes, b.bytes], {
      studyUid: a.studyInstanceUid,
    });
    expect(res.statusCode).toBe(202);
    const { stored, failed } = stowItems(res);
    expect(stored.map((s) => s.sopUid)).toEqual([a.sopInstanceUid]);
    expect(failed).toMatchObject([
      { code: 'STUDY_UID_MISMATCH', reason: 0xa900, sopUid: b.sopInstanceUid },
    ]);
    expect(await indexed(b.sopInstanceUid)).toBe(0);
    expect((res.json() as Record<string, { Value: string[] }>)['00081190']!.Value[0]).toContain(
      a.studyInstanceUid,
    );
  });

  it('refuses everything when the disk is below its free-space floor (507, A700) and oversized objects (A701)', async () => {
    const f = await good();
    const full = await appWith({ minFreeBytes: Number.MAX_SAFE_INTEGER, maxObjectBytes: 1 << 30 });
    try {
      const res = await stowAs(full, 'clinic1', [f.bytes]);
      expect(res.statusCode).toBe(507);
      expect(stowItems(res).failed).toMatchObject([{ code: 'STORAGE_FULL', reason: 0xa700 }]);
    } finally {
      await full.close();
    }
    const small = await appWith({ minFreeBytes: 0, maxObjectBytes: 1000 });
    try {
      const res = await stowAs(small, 'clinic1', [f.bytes, (await good()).bytes]);
      expect(res.statusCode).toBe(409);
      expect(stowItems(res).failed.map((x) => [x.code, x.reason])).toEqual([
        ['DICOM_TOO_LARGE', 0xa701],
        ['DICOM_TOO_LARGE', 0xa701],
      ]);
    } finally {
      await small.close();
    }
    expect(await indexed(f.sopInstanceUid)).toBe(0);
    expect(staged()).toBe(true);
  });

  it('answers 503 with the catalogue error when the database fails mid-ingest, indexing nothing', async () => {
    const f = await good();
    const db = fx.tdb.db;
    await sql`create function fail_insert() returns trigger language plpgsql as $$
      begin raise exception 'terminating connection due to administrator command' using errcode = '57P01'; end $$`.execute(
      db,
    );
    await sql`create trigger fail_insert before insert on instances for each row execute function fail_insert()`.execute(
      db,
    );
    try {
      const res = await stowAs(fx.app, 'clinic1', [f.bytes]);
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ error: { code: 'SERVICE_UNAVAILABLE' } });
      expect(res.json().requestId).toBeTruthy();
    } finally {
      await sql`drop trigger fail_insert on instances`.execute(db);
      await sql`drop function fail_insert()`.execute(db);
    }
    expect(await indexed(f.sopInstanceUid)).toBe(0);
    expect(
      await db
        .selectFrom('studies')
        .select('id')
        .where('study_uid', '=', f.studyInstanceUid)
        .execute(),
    ).toEqual([]);
    expect(staged()).toBe(true);
    const again = await stowAs(fx.app, 'clinic1', [f.bytes]);
    expect(again.statusCode).toBe(200);
    expect(await indexed(f.sopInstanceUid)).toBe(1);
  });

  it('files objects under the right clinic', async () => {
    const f = await good();
    const noClinic = await stowAs(fx.app, 'admin', [f.bytes]);
    expect(noClinic.statusCode).toBe(400);
    expect(noClinic.json().error.code).toBe('STOW_CLINIC_REQUIRED');
    const notMine = await stowAs(fx.app, 'clinic1', [f.bytes], { clinic: 'DEMO2' });
    expect(notMine.statusCode).toBe(404);
    const forbidden = await stowAs(fx.app, 'radiologist', [f.bytes], { clinic: 'DEMO1' });
    expect(forbidden.statusCode).toBe(403);
    const byAdmin = await stowAs(fx.app, 'admin', [f.bytes], { clinic: 'DEMO2' });
    expect(byAdmin.statusCode).toBe(200);
    const study = await fx.tdb.db
      .selectFrom('studies')
      .innerJoin('clinics', 'clinics.id', 'studies.clinic_id')
      .select('clinics.code')
      .where('study_uid', '=', f.studyInstanceUid)
      .executeTakeFirstOrThrow();
    expect(study.code).toBe('DEMO2');
    // The arrival is in the audit trail, with its study, clinic and instance, before the answer.
    const arrival = await fx.tdb.db
      .selectFrom('audit_events')
      .selectAll()
      .where('request_id', '=', String(byAdmin.headers['x-request-id']))
      .executeTakeFirstOrThrow();
    expect(arrival).toMatchObject({
      action: 'dicomweb.stow',
      outcome: 'success',
      resource_type: 'study',
      resource_id: f.studyInstanceUid,
    });
    expect(arrival.details).toMatchObject({ stored: 1, sopInstanceUids: [f.sopInstanceUid] });
    // The study now exists at DEMO2: more of it needs no clinic parameter from the admin.
    const more = await good({ study: { studyInstanceUid: f.studyInstanceUid } });
    const into = await stowAs(fx.app, 'admin', [more.bytes], { studyUid: f.studyInstanceUid });
    expect(into.statusCode).toBe(200);
  });

  it('rejects what is not multipart/related of application/dicom, and a cut-off upload', async () => {
    const json = await as(
      fx.app,
      'clinic1',
    )({
      method: 'POST',
      url: '/dicomweb/studies',
      payload: '[]',
      headers: { 'content-type': 'multipart/related; type="application/dicom+json"; boundary=x' },
    });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const f = await good();
    const { payload, contentType } = stowBody([f.bytes]);
    const cut = await as(
      fx.app,
      'clinic1',
    )({
      method: 'POST',
      url: '/dicomweb/studies',
      payload: payload.subarray(0, payload.length - 400),
      headers: { 'content-type': contentType },
    });
    expect(cut.statusCode).toBe(409);
    expect(stowItems(cut).failed[0]!.code).toBe('DICOM_UNREADABLE');
    expect(await indexed(f.sopInstanceUid)).toBe(0);
    const empty = await as(
      fx.app,
      'clinic1',
    )({
      method: 'POST',
      url: '/dicomweb/studies',
      payload: 'nothing here',
      headers: { 'content-type': contentType },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('MULTIPART_MALFORMED');
  });
});
