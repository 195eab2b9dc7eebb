import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { seedDemo } from '../demo';
import { startJobs } from '../../platform/jobs';
import { filesystemStorage, type ObjectStorage } from '../../platform/storage';
import { writeCxr } from '../../testing/dicomFixtures';
import { dimseOrigin } from '../../testing/ingestOrigin';
import { createTestDb, type TestDb } from '../../testing/testDb';
import { checkRecentObjects } from './recentObjects';
import { storeInstance } from './service';

let tdb: TestDb;
let dir: string;
let dataDir: string;
let storage: ObjectStorage;
const stored: { sopUid: string; key: string }[] = [];

beforeAll(async () => {
  tdb = await createTestDb();
  await seedDemo(tdb.db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-recent-'));
  dataDir = path.join(dir, 'data');
  storage = filesystemStorage(dataDir);
  const origin = await dimseOrigin(tdb.db, 'DEMO1');
  const deps = { db: tdb.db, storage, minFreeBytes: 0, maxObjectBytes: 64 * 1024 * 1024 };
  for (let i = 0; i < 4; i++) {
    const f = await writeCxr(path.join(dir, `f${i}.dcm`), 'explicitLE', { rows: 32 });
    const r = await storeInstance(deps, fs.createReadStream(f.path), origin);
    stored.push({ sopUid: f.sopInstanceUid, key: r.sha256 });
  }
});
afterAll(async () => {
  await tdb?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the start-up check of the latest stored objects (power loss, ADR 0004)', () => {
  it('finds nothing wrong when every object is in place', async () => {
    expect(await checkRecentObjects(tdb.db, storage)).toEqual({ checked: 4, missing: [] });
  });

  it('names the index rows whose object is gone or of another size, and shows them in health', async () => {
    const [gone, torn] = [stored[1]!, stored[2]!];
    const gonePath = await storage.pathOf(gone.key);
    const tornPath = await storage.pathOf(torn.key);
    const tornBytes = fs.readFileSync(tornPath);
    fs.renameSync(gonePath, `${gonePath}.away`);
    fs.truncateSync(tornPath, 0); // as a file whose data never reached the disk
    try {
      const report = await checkRecentObjects(tdb.db, storage);
      expect(report.checked).toBe(4);
      expect(report.missing.map((m) => [m.sopInstanceUid, m.storageKey, m.problem]).sort()).toEqual(
        [
          [gone.sopUid, gone.key, 'missing'],
          [torn.sopUid, torn.key, 'size'],
        ].sort(),
      );

      const jobs = await startJobs(tdb.url, [], () => undefined);
      const app = await buildApp({
        config: {
          dataDir,
          secureCookies: false,
          webDir: '/nonexistent',
          archive: { minFreeBytes: 0, maxObjectBytes: 1 << 26, stableSeconds: 1 },
        },
        db: tdb.db,
        storage,
        jobs,
        recentObjects: report,
      });
      try {
        const res = await app.inject({ url: '/api/health' });
        expect(res.statusCode).toBe(200);
        expect(res.json().storage.recentObjects).toEqual({ checked: 4, missing: 2 });
      } finally {
        await app.close();
        await jobs.stop({ graceful: false });
      }
    } finally {
      fs.renameSync(`${gonePath}.away`, gonePath);
      fs.writeFileSync(tornPath, tornBytes);
    }
  });

  it('looks at the latest rows only', async () => {
    const report = await checkRecentObjects(tdb.db, storage, 2);
    expect(report.checked).toBe(2);
  });
});
