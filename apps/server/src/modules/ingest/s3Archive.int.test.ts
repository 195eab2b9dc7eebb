import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3Client, s3KeyOf, s3Storage } from '../../platform/storageS3';
import type { ObjectStorage } from '../../platform/storage';
import { buildTestApp } from '../../testing/appFixture';
import { writeCxr, type WrittenFile } from '../../testing/dicomFixtures';
import { startS3Server, type S3TestServer } from '../../testing/s3Server';
import { createTestDb, type TestDb } from '../../testing/testDb';
import { seedDemo } from '../demo';
import { as, partsOf, stowAs, stowItems } from '../dicomweb/testSupport';
import { startDimseServer, type DimseListener } from '../dimse';
import { datasetBytes, ingestDeps, run } from '../dimse/testSupport';
import { storeInstance } from './service';

/**
 * The archive on an S3-protocol server (s3rver, started here): objects sent by C-STORE and by
 * STOW-RS go into the bucket under their content keys and come back byte-identical by WADO-RS;
 * and the index never commits an object whose PUT did not complete (docs/adr/0046).
 */
let s3: S3TestServer;
let tdb: TestDb;
let dataDir: string;
let storage: ObjectStorage;
let app: FastifyInstance;
let dicom: DimseListener;
let n = 0;

beforeAll(async () => {
  s3 = await startS3Server('centre-a/');
  tdb = await createTestDb();
  await seedDemo(tdb.db);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-s3-archive-'));
  storage = s3Storage({ client: s3.client, settings: s3.settings, dataDir });
  app = await buildTestApp({ tdb, dataDir, storage });
  await app.ready();
  dicom = await startDimseServer({
    db: tdb.db,
    storage,
    ingest: ingestDeps(tdb, storage),
    aeTitle: 'TELERAD',
    port: 0,
    host: '127.0.0.1',
    logger: pino({ level: 'silent' }),
  });
});
afterAll(async () => {
  await dicom?.close(1000);
  await app?.close();
  await tdb?.drop();
  await s3?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const cxr = (seed: number) =>
  writeCxr(path.join(dataDir, `cxr-${++n}.dcm`), 'explicitLE', { rows: 64, columns: 64, seed });

/** The index row of a current instance. */
const row = (sopUid: string) =>
  tdb.db
    .selectFrom('instances')
    .select(['storage_key', 'size_bytes'])
    .where('sop_uid', '=', sopUid)
    .where('current', '=', true)
    .executeTakeFirst();

/** The bytes the bucket holds under a content key, read with the SDK. */
async function inBucket(key: string): Promise<Buffer> {
  const out = await s3.client.send(
    new GetObjectCommand({ Bucket: s3.settings.bucket, Key: s3KeyOf('centre-a/', key) }),
  );
  return Buffer.from(await out.Body!.transformToByteArray());
}

/** The instance as WADO-RS returns it, as stored. */
async function wado(f: WrittenFile): Promise<Buffer> {
  const res = await as(
    app,
    'clinic1',
  )({
    url: `/dicomweb/studies/${f.studyInstanceUid}/series/${f.seriesInstanceUid}/instances/${f.sopInstanceUid}`,
    headers: { accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' },
  });
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
  const parts = await partsOf(res);
  expect(parts).toHaveLength(1);
  return parts[0]!.body;
}

describe('the archive on S3', () => {
  it('stores a C-STORE in the bucket and returns it byte-identical by WADO-RS', async () => {
    const f = await cxr(11);
    const sent = fs.readFileSync(f.path);
    const r = await run('storescu', [
      '-aet',
      'DEMO1',
      '-aec',
      'TELERAD',
      '127.0.0.1',
      String(dicom.port),
      f.path,
    ]);
    expect(r.code, r.out).toBe(0);
    // The archive keeps the dataset as sent, behind the File Meta Information it writes itself.
    const indexed = (await row(f.sopInstanceUid))!;
    const stored = await inBucket(indexed.storage_key);
    expect(Number(indexed.size_bytes)).toBe(stored.length);
    expect(datasetBytes(stored).equals(datasetBytes(sent))).toBe(true);
    expect((await wado(f)).equals(stored)).toBe(true);
    // Nothing is left staged once the bucket holds the object.
    expect(fs.readdirSync(path.join(dataDir, 'staging'))).toEqual([]);
  });

  it('stores a STOW-RS in the bucket, and serves its frame and a range of its bytes', async () => {
    const f = await cxr(12);
    const sent = fs.readFileSync(f.path);
    const res = await stowAs(app, 'clinic1', [sent]);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(stowItems(res).stored.map((s) => s.sopUid)).toEqual([f.sopInstanceUid]);
    const indexed = (await row(f.sopInstanceUid))!;
    expect((await inBucket(indexed.storage_key)).equals(sent)).toBe(true);
    expect((await wado(f)).equals(sent)).toBe(true);
    // The last 64×64×2 bytes of this file are its one frame (Pixel Data is the last element).
    const frame = await as(
      app,
      'clinic1',
    )({
      url: `/dicomweb/studies/${f.studyInstanceUid}/series/${f.seriesInstanceUid}/instances/${f.sopInstanceUid}/frames/1`,
      headers: { accept: 'multipart/related; type="application/octet-stream"; transfer-syntax=*' },
    });
    expect(frame.statusCode).toBe(200);
    const [part] = await partsOf(frame);
    expect(part!.body.equals(sent.subarray(sent.length - 64 * 64 * 2))).toBe(true);
    // A range read straight from the bucket (a fresh backend: no local copy to read from).
    const fresh = s3Storage({
      client: s3.client,
      settings: s3.settings,
      dataDir: fs.mkdtempSync(path.join(dataDir, 'fresh-')),
    });
    const chunks: Buffer[] = [];
    for await (const c of fresh.open(indexed.storage_key, { start: 128, end: 1151 }))
      chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(sent.subarray(128, 1152))).toBe(true);
  });

  it('refuses an object whose PUT fails, and never indexes it first', async () => {
    const f = await cxr(13);
    // A client whose PUT, once on the wire, first looks at the index, then fails as a server
    // that is down would: had the index committed before the PUT, the row would be seen here.
    const rowsWhenPut: number[] = [];
    const client = s3Client(s3.settings);
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'PutObjectCommand') {
          rowsWhenPut.push((await row(f.sopInstanceUid)) ? 1 : 0);
          throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
        }
        return next(args);
      },
      { step: 'finalizeRequest', name: 'failPut' },
    );
    const failing = s3Storage({ client, settings: s3.settings, dataDir });
    const clinic = await tdb.db
      .selectFrom('clinics')
      .select('id')
      .where('code', '=', 'DEMO1')
      .executeTakeFirstOrThrow();
    await expect(
      storeInstance(ingestDeps(tdb, failing), fs.createReadStream(f.path), {
        door: 'dimse',
        clinicId: clinic.id,
        callingAe: 'DEMO1',
        remoteAddress: '192.0.2.7',
      }),
    ).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(rowsWhenPut).toEqual([0]);
    expect(await row(f.sopInstanceUid)).toBeUndefined();
    // Its staging file is gone.
    expect(fs.readdirSync(path.join(dataDir, 'staging'))).toEqual([]);
    client.destroy();
  });
});
