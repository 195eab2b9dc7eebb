import os from 'node:os';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { seedDemo } from '../modules/demo';
import { createTestDb, type TestDb } from './testDb';

/** A built app on its own migrated database, seeded with the demo organisation. */
export interface AppFixture {
  app: FastifyInstance;
  tdb: TestDb;
  close(): Promise<void>;
}

/** Builds the app against a fresh database with the demo organisation and accounts. */
export async function appWithDemo(opts: { loginRateLimit?: number } = {}): Promise<AppFixture> {
  const tdb = await createTestDb();
  await seedDemo(tdb.db);
  const app = await buildApp({
    config: { dataDir: os.tmpdir(), secureCookies: false, webDir: '/nonexistent' },
    db: tdb.db,
    loginRateLimit: opts.loginRateLimit ?? 1000,
  });
  await app.ready();
  return {
    app,
    tdb,
    close: async () => {
      await app.close();
      await tdb.drop();
    },
  };
}
