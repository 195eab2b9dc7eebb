import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../demo';
import { storeInstance } from './service';
import { writeCxr } from '../../testing/dicomFixtures';
import { findStoredObject, startS3Server, type S3TestServer } from '../../testing/s3Server';
import { createTestDb, type TestDb } from '../../testing/testDb';
import { filesystemStorage } from '../../platform/storage';
import { indexedKeys, migrateToS3 } from '../../platform/storageMigrate';

/** `npm run storage:migrate-to-s3` and the copy it runs, on a filesystem archive and s3rver. */
let s3: S3TestServer;
let tdb: TestDb;
let dataDir: string;
let keys: string[];

beforeAll(async () => {
  s3 = await startS3Server('');
  tdb = await createTestDb();
  await seedDemo(tdb.db);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-migrate-'));
  const storage = filesystemStorage(dataDir);
  const clinic = await tdb.db
    .selectFrom('clinics')
    .select('id')
    .where('code', '=', 'DEMO1')
    .executeTakeFirstOrThrow();
  for (let i = 0; i < 5; i++) {
    const f = await writeCxr(path.join(dataDir, `m-${i}.dcm`), 'explicitLE', {
      rows: 48,
      columns: 48,
      seed: 500 + i,
    });
    await storeInstance(
      { db: tdb.db, storage, minFreeBytes: 0, maxObjectBytes: 1 << 30 },
      fs.createReadStream(f.path),
      { door: 'dimse', clinicId: clinic.id, callingAe: 'DEMO1', remoteAddress: '192.0.2.7' },
    );
  }
  keys = await indexedKeys(tdb.db);
});
afterAll(async () => {
  await tdb?.drop();
  await s3?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Runs the npm script's file as an operator would, on this archive and bucket. */
function runTool(): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/storage-migrate-to-s3.ts'],
      {
        timeout: 120_000,
        env: {
          ...process.env,
          DATABASE_URL: tdb.url,
          TELERAD_DATA_DIR: dataDir,
          TELERAD_S3_BUCKET: s3.settings.bucket,
          TELERAD_S3_ENDPOINT: s3.settings.endpoint,
          TELERAD_S3_ACCESS_KEY_ID: 'S3RVER',
          TELERAD_S3_SECRET_ACCESS_KEY: 'S3RVER',
        },
      },
      (err, stdout, stderr) =>
        resolve({
          code: err ? (typeof err.code === 'number' ? err.code : 1) : 0,
          out: `${stdout}${stderr}`,
        }),
    );
  });
}

describe('copying a filesystem archive to S3', () => {
  it('copies and verifies every indexed object, then skips them when run again', async () => {
    expect(keys.length).toBeGreaterThanOrEqual(5);
    const first = await runTool();
    expect(first.code, first.out).toBe(0);
    expect(first.out).toContain(`copied:           ${keys.length}`);
    expect(first.out).toContain(`verified:         ${keys.length}`);
    for (const key of keys)
      expect(
        fs
          .readFileSync(findStoredObject(s3.directory, key))
          .equals(fs.readFileSync(path.join(dataDir, 'objects', key.slice(0, 2), key))),
      ).toBe(true);

    const again = await migrateToS3({
      db: tdb.db,
      dataDir,
      client: s3.client,
      settings: s3.settings,
    });
    expect(again).toMatchObject({ copied: 0, skipped: keys.length, verified: keys.length });
    expect(again.problems).toEqual([]);
  });

  it('finds an object corrupted in the bucket, and exits non-zero', async () => {
    const bad = keys[2]!;
    const stored = findStoredObject(s3.directory, bad);
    const b = fs.readFileSync(stored);
    b[b.length - 1] = b[b.length - 1]! ^ 0x01; // same size: only the read-back hash can tell
    fs.writeFileSync(stored, b);
    const report = await migrateToS3({
      db: tdb.db,
      dataDir,
      client: s3.client,
      settings: s3.settings,
    });
    expect(report.problems).toEqual([{ key: bad, problem: 'mismatch' }]);
    expect(report.verified).toBe(keys.length - 1);
    const tool = await runTool();
    expect(tool.code, tool.out).toBe(1);
    expect(tool.out).toContain(`mismatch ${bad}`);
  });

  it('reports an indexed object missing from the data directory', async () => {
    const gone = keys[0]!;
    fs.rmSync(path.join(dataDir, 'objects', gone.slice(0, 2), gone));
    fs.rmSync(findStoredObject(s3.directory, gone));
    const report = await migrateToS3({
      db: tdb.db,
      dataDir,
      client: s3.client,
      settings: s3.settings,
    });
    expect(report.problems).toContainEqual({ key: gone, problem: 'missing' });
  });
});
