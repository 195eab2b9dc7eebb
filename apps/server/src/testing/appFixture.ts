import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { seedDemo } from '../modules/demo';
import { filesystemStorage, type ObjectStorage } from '../platform/storage';
import { createTestDb, type TestDb } from './testDb';

/** A built app on its own migrated database, seeded with the demo organisation. */
export interface AppFixture {
  app: FastifyInstance;
  tdb: TestDb;
  /** The data directory (object storage) of this fixture. */
  dataDir: string;
  storage: ObjectStorage;
  close(): Promise<void>;
}

/** Builds the app against a fresh database with the demo organisation and accounts. */
export async function appWithDemo(opts: { loginRateLimit?: number } = {}): Promise<AppFixture> {
  const tdb = await createTestDb();
  await seedDemo(tdb.db);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-app-'));
  const storage = filesystemStorage(dataDir);
  const app = await buildApp({
    config: {
      dataDir,
      secureCookies: false,
      webDir: '/nonexistent',
      archive: { minFreeBytes: 0, maxObjectBytes: 512 * 1024 * 1024, stableSeconds: 1 },
    },
    db: tdb.db,
    storage,
    loginRateLimit: opts.loginRateLimit ?? 1000,
  });
  await app.ready();
  return {
    app,
    tdb,
    dataDir,
    storage,
    close: async () => {
      await app.close();
      await tdb.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
