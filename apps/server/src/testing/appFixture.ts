import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { PgBoss } from 'pg-boss';
import { buildApp, type AppDeps } from '../app';
import { seedDemo } from '../modules/demo';
import { storeInstance, type StoreResult } from '../modules/ingest';
import { startJobs } from '../platform/jobs';
import { startRealtime, type Realtime } from '../platform/realtime';
import { filesystemStorage, type ObjectStorage } from '../platform/storage';
import { testStorage } from './testStorage';
import { createTestDb, type TestDb } from './testDb';

/** A built app on its own migrated database, seeded with the demo organisation. */
export interface AppFixture {
  app: FastifyInstance;
  tdb: TestDb;
  /** The data directory (object storage) of this fixture. */
  dataDir: string;
  storage: ObjectStorage;
  /** The app's job queue (pg-boss on the fixture's database): releases enqueue on it. */
  jobs: PgBoss;
  /** Stores a Part 10 file through the one ingest path as sent by clinic `clinicCode`'s AE. */
  storeAs(clinicCode: string, file: string): Promise<StoreResult>;
  close(): Promise<void>;
}

/** `AppFixture.storeAs` on a database and storage. */
function storeAsClinic(tdb: TestDb, storage: ObjectStorage): AppFixture['storeAs'] {
  return async (clinicCode, file) => {
    const clinic = await tdb.db
      .selectFrom('clinics')
      .select('id')
      .where('code', '=', clinicCode)
      .executeTakeFirstOrThrow();
    return storeInstance(
      { db: tdb.db, storage, minFreeBytes: 0, maxObjectBytes: 512 * 1024 * 1024 },
      fs.createReadStream(file),
      { door: 'dimse', clinicId: clinic.id, callingAe: clinicCode, remoteAddress: '192.0.2.7' },
    );
  };
}

/**
 * Builds (not yet ready) the app as tests run it: on `tdb` and `dataDir`, no web assets (unless
 * `webDir`), plain cookies, a generous login rate limit, and the live-event hub when one is
 * given. The job queue is `jobs`, or a pg-boss started on `tdb` that stops when the app closes.
 */
export async function buildTestApp(opts: {
  tdb: TestDb;
  dataDir: string;
  storage?: ObjectStorage;
  realtime?: Realtime;
  loginRateLimit?: number;
  /** How often an open `/api/realtime` socket re-checks its credential. */
  realtimeRecheckMs?: number;
  publicUrl?: string;
  /** TELERAD_PUBLIC_URL as set (DICOMweb links); unset by default. */
  publicUrlSetting?: string;
  jobs?: PgBoss;
  /** A damaged scope registry, for tests proving the access walk notices. */
  resourceScopes?: AppDeps['resourceScopes'];
  /** The built web app to serve; none unless given. */
  webDir?: string;
}): Promise<FastifyInstance> {
  const jobs = opts.jobs ?? (await startJobs(opts.tdb.url, [], () => undefined));
  const app = await buildApp({
    config: {
      dataDir: opts.dataDir,
      secureCookies: false,
      webDir: opts.webDir ?? '/nonexistent',
      archive: { minFreeBytes: 0, maxObjectBytes: 512 * 1024 * 1024, stableSeconds: 1 },
    },
    db: opts.tdb.db,
    storage: opts.storage ?? filesystemStorage(opts.dataDir),
    loginRateLimit: opts.loginRateLimit ?? 1000,
    jobs,
    ...(opts.realtime ? { realtime: opts.realtime } : {}),
    realtimeRecheckMs: opts.realtimeRecheckMs,
    publicUrl: opts.publicUrl,
    publicUrlSetting: opts.publicUrlSetting,
    ...(opts.resourceScopes ? { resourceScopes: opts.resourceScopes } : {}),
  });
  if (!opts.jobs) app.addHook('onClose', () => jobs.stop({ graceful: false }));
  return app;
}

/**
 * A fresh database seeded with the demo organisation, a data directory and its storage: what
 * every app fixture starts from. `finish` builds the fixture around the built app; its `close`
 * closes the app, runs `also`, then drops the database and the directory.
 */
async function demoResources(prefix: string) {
  const tdb = await createTestDb();
  await seedDemo(tdb.db);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const { storage, close: closeStorage } = await testStorage(dataDir);
  const jobs = await startJobs(tdb.url, [], () => undefined);
  const finish = (app: FastifyInstance, also?: () => Promise<void>): AppFixture => ({
    app,
    tdb,
    dataDir,
    storage,
    jobs,
    storeAs: storeAsClinic(tdb, storage),
    close: async () => {
      await app.close();
      await also?.();
      await jobs.stop({ graceful: false });
      await tdb.drop();
      await closeStorage();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  });
  return { tdb, dataDir, storage, jobs, finish };
}

/** Builds the app against a fresh database with the demo organisation and accounts. */
export async function appWithDemo(
  opts: { loginRateLimit?: number; publicUrlSetting?: string } = {},
): Promise<AppFixture> {
  const { tdb, dataDir, storage, jobs, finish } = await demoResources('telerad-app-');
  const app = await buildTestApp({
    tdb,
    dataDir,
    storage,
    jobs,
    loginRateLimit: opts.loginRateLimit,
    publicUrlSetting: opts.publicUrlSetting,
  });
  await app.ready();
  return finish(app);
}

/** The demo app listening on a port, with its live-event hub (LISTEN/NOTIFY) running. */
export interface LiveAppFixture extends AppFixture {
  hub: Realtime;
  /** `ws://127.0.0.1:<port>`, for `/api/realtime`. */
  wsBase: string;
}

/**
 * `appWithDemo`, listening on a free port with a real realtime hub: for WebSocket tests. A short
 * `realtimeRecheckMs` lets a test see a socket close soon after its credential ends.
 */
export async function liveAppWithDemo(
  opts: { realtimeRecheckMs?: number; publicUrl?: string } = {},
): Promise<LiveAppFixture> {
  const { tdb, dataDir, storage, jobs, finish } = await demoResources('telerad-live-');
  const hub = await startRealtime({ url: tdb.url });
  const app = await buildTestApp({ tdb, dataDir, storage, jobs, realtime: hub, ...opts });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    ...finish(app, () => hub.stop()),
    hub,
    wsBase: `ws://127.0.0.1:${(app.server.address() as { port: number }).port}`,
  };
}
