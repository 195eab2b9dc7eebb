import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from './modules/demo';
import { storeInstance } from './modules/ingest';
import { buildTestApp } from './testing/appFixture';
import { writeCxr } from './testing/dicomFixtures';
import { signIn, type TestClient } from './testing/http';
import { filesystemStorage } from './platform/storage';
import { createTestDb, type TestDb } from './testing/testDb';

// Issue 17 §5: the web assets go out as the build's brotli or gzip copies, the API's JSON is
// compressed on the fly, and DICOMweb is sent as it is.

let tdb: TestDb;
let app: FastifyInstance;
let dataDir: string;
let webDir: string;
let admin: TestClient;
let studyUid: string;

/** Writes `name` and distinct `.br` and `.gz` copies, so a test can tell which one was sent. */
function writeAsset(name: string, text: string): void {
  const file = path.join(webDir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(`${text}/* br */`));
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(`${text}/* gz */`));
}

beforeAll(async () => {
  tdb = await createTestDb();
  await seedDemo(tdb.db);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-compress-'));
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-compress-web-'));
  writeAsset('index.html', '<!doctype html><title>Telerad</title>');
  writeAsset('assets/index-abc123.js', 'console.log("telerad");');
  const storage = filesystemStorage(dataDir);
  app = await buildTestApp({ tdb, dataDir, storage, webDir });
  await app.ready();
  admin = await signIn(app, 'admin');
  const cxr = await writeCxr(path.join(dataDir, 'cxr.dcm'), 'explicitLE', {
    rows: 64,
    columns: 64,
  });
  const clinic = await tdb.db
    .selectFrom('clinics')
    .select('id')
    .where('code', '=', 'DEMO1')
    .executeTakeFirstOrThrow();
  await storeInstance(
    { db: tdb.db, storage, minFreeBytes: 0, maxObjectBytes: 64 * 1024 * 1024 },
    fs.createReadStream(cxr.path),
    { door: 'dimse', clinicId: clinic.id, callingAe: 'DEMO1', remoteAddress: '192.0.2.7' },
  );
  studyUid = cxr.studyInstanceUid;
});
afterAll(async () => {
  await app?.close();
  await tdb?.drop();
  for (const d of [dataDir, webDir]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

describe('web assets', () => {
  const get = (url: string, acceptEncoding?: string) =>
    app.inject({
      method: 'GET',
      url,
      headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {},
    });

  it('sends the brotli copy to a browser that accepts it, with the asset type and Vary', async () => {
    const res = await get('/assets/index-abc123.js', 'gzip, deflate, br, zstd');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(res.headers['vary']).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(
      'console.log("telerad");/* br */',
    );
  });

  it('sends the gzip copy where brotli is not accepted, and the file itself otherwise', async () => {
    const gz = await get('/assets/index-abc123.js', 'gzip, deflate');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe('console.log("telerad");/* gz */');
    const plain = await get('/assets/index-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe('console.log("telerad");');
  });

  it('serves the app shell of a client route from its compressed copy, never cached', async () => {
    const res = await get('/reports', 'gzip, br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toContain('<title>Telerad');
  });
});

describe('API and DICOMweb answers', () => {
  it('compresses API JSON for a client that accepts it, and only then', async () => {
    const url = `/api/studies/${studyUid}`;
    const res = await admin.request({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['vary']).toMatch(/accept-encoding/i);
    const body = JSON.parse(zlib.gunzipSync(res.rawPayload).toString()) as unknown;
    const plain = await admin.request({ method: 'GET', url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(body).toEqual(plain.json());
  });

  it('sends DICOMweb JSON and instances as they are', async () => {
    const headers = { 'accept-encoding': 'gzip, br' };
    const metadata = await admin.request({
      method: 'GET',
      url: `/dicomweb/studies/${studyUid}/metadata`,
      headers,
    });
    expect(metadata.statusCode).toBe(200);
    // Large enough that the API's rules would compress it.
    expect(metadata.rawPayload.length).toBeGreaterThan(1024);
    expect(metadata.headers['content-encoding']).toBeUndefined();
    expect(metadata.json()).toBeInstanceOf(Array);
    const instances = await admin.request({
      method: 'GET',
      url: `/dicomweb/studies/${studyUid}`,
      headers: { ...headers, accept: 'multipart/related; type="application/dicom"' },
    });
    expect(instances.statusCode).toBe(200);
    expect(instances.headers['content-encoding']).toBeUndefined();
    expect(instances.rawPayload.includes(Buffer.from('DICM'))).toBe(true);
  });
});
