import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { seedDemo, seedSampleStudies } from './modules/demo';
import { reportReleaseQueue } from './modules/reports';
import { startS3Server, type S3TestServer } from './testing/s3Server';
import { createTestDb, type TestDb } from './testing/testDb';
import { openDatabase, type OpenDatabase } from './platform/database';
import type { Db } from './platform/db';
import { startJobs } from './platform/jobs';
import { filesystemStorage, objectPath } from './platform/storage';
import { s3Storage } from './platform/storageS3';
import type { ObjectStorage } from './platform/storageTypes';
import { readManifest } from './platform/backup/manifest';
import { hashStored } from './platform/backup/objects';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), `telerad-${p}-`));
const dirs: string[] = [];
const newDir = (p: string) => {
  const d = tmp(p);
  // As root, the embedded cluster runs as "postgres", which must be able to enter the directory.
  fs.chmodSync(d, 0o755);
  dirs.push(d);
  return d;
};

/** Runs one of the npm tools (`backup`, `restore`) as its own process, as an operator would. */
function tool(
  name: 'backup' | 'restore',
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number; out: string }> {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  delete base.TELERAD_STORAGE;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'scripts', `${name}.ts`), ...args],
      { cwd: ROOT, env: { ...base, ...env }, maxBuffer: 16 << 20 },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number(err.code ?? 1) : 0, out: `${stdout}${stderr}` }),
    );
  });
}

/** What a restore must bring back: the reports and the bytes of every indexed object. */
interface Populated {
  reports: { id: string; state: string; signed_at: Date | null; content: unknown }[];
  keys: string[];
}

/** The demo organisation with its sample studies (a few signed and released reports). */
async function populate(db: Db, url: string, storage: ObjectStorage): Promise<Populated> {
  await seedDemo(db);
  const jobs = await startJobs(url, [], () => undefined);
  try {
    await seedSampleStudies(db, storage, await reportReleaseQueue(jobs));
  } finally {
    await jobs.stop({ graceful: false });
  }
  return snapshot(db);
}

async function snapshot(db: Db): Promise<Populated> {
  const reports = await db
    .selectFrom('reports')
    .select(['id', 'state', 'signed_at', 'content'])
    .orderBy('id')
    .execute();
  const keys = await db
    .selectFrom('instances')
    .select('storage_key')
    .orderBy('storage_key')
    .execute();
  return { reports, keys: keys.map((k) => k.storage_key) };
}

afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('backup and restore of the embedded database and the filesystem archive', () => {
  let src: string;
  let backupDir: string;
  let before: Populated;
  let s3: S3TestServer;
  let source: OpenDatabase;

  beforeAll(async () => {
    src = newDir('bk-src');
    // Kept running, as the server's would be, for the first backup.
    source = await openDatabase({ databaseUrl: undefined, dataDir: src, log: () => {} });
    before = await populate(source.db, source.url, filesystemStorage(src));
    s3 = await startS3Server('restored/');
  }, 120_000);
  afterAll(async () => {
    // Already closed by the stopped-cluster test when it ran.
    await source?.close().catch(() => undefined);
    await s3?.close();
  });

  it('backs up a populated demo with a manifest of every indexed object', async () => {
    expect(before.reports.some((r) => r.signed_at !== null)).toBe(true);
    backupDir = path.join(newDir('bk-out'), 'backup');
    const r = await tool('backup', ['--out', backupDir], { TELERAD_DATA_DIR: src });
    expect(r.out, r.out).toContain('Backup complete');
    expect(r.code).toBe(0);
    // Taken from the running cluster, not one started for the backup.
    expect(r.out).not.toContain('not running');
    const m = readManifest(backupDir);
    expect(m.database.method).toBe('base-backup');
    expect(m.objects.map((o) => o.key)).toEqual([...new Set(before.keys)].sort());
    expect(m.counts.reports).toBe(before.reports.length);
    expect(m.counts.instances).toBe(before.keys.length);
    for (const o of m.objects) expect(o.sha256).toBe(o.key);
  }, 120_000);

  it('restores into an empty data directory and an empty bucket, every object and report intact', async () => {
    const dst = newDir('bk-dst');
    const env = {
      TELERAD_STORAGE: 's3',
      TELERAD_S3_BUCKET: s3.settings.bucket,
      TELERAD_S3_PREFIX: s3.settings.prefix,
      TELERAD_S3_ENDPOINT: s3.settings.endpoint,
      TELERAD_S3_ACCESS_KEY_ID: 'S3RVER',
      TELERAD_S3_SECRET_ACCESS_KEY: 'S3RVER',
      TELERAD_S3_FORCE_PATH_STYLE: 'true',
    };
    const r = await tool('restore', ['--from', backupDir, '--data-dir', dst], env);
    expect(r.out, r.out).toContain('Restore verified');
    expect(r.code).toBe(0);

    const database = await openDatabase({ databaseUrl: undefined, dataDir: dst, log: () => {} });
    try {
      expect(await snapshot(database.db)).toEqual(before);
    } finally {
      await database.close();
    }
    // Byte for byte: the bucket's copy against the source archive's file.
    const bucket = s3Storage({ client: s3.client, settings: s3.settings, dataDir: dst });
    for (const key of new Set(before.keys)) {
      const chunks: Buffer[] = [];
      for await (const c of bucket.open(key)) chunks.push(c as Buffer);
      const original = fs.readFileSync(await objectPath(src, key));
      expect(Buffer.concat(chunks).equals(original)).toBe(true);
    }

    // A second restore onto what is now a populated target is refused and changes nothing.
    const again = await tool('restore', ['--from', backupDir, '--data-dir', dst], env);
    expect(again.code).toBe(2);
    expect(again.out).toContain('Refusing to restore');
  }, 180_000);

  it('backs up a stopped cluster too, and fails the restore verification when an object in the backup is corrupted', async () => {
    await source.close();
    const stoppedDir = path.join(newDir('bk-out2'), 'backup');
    const b = await tool('backup', ['--out', stoppedDir], { TELERAD_DATA_DIR: src });
    expect(b.code, b.out).toBe(0);
    expect(b.out).toContain('starting it for the backup');
    const m = readManifest(stoppedDir);
    expect(m.counts.reports).toBe(before.reports.length);
    const victim = m.objects[0]!.key;
    const file = path.join(stoppedDir, 'objects', victim.slice(0, 2), victim);
    const original = fs.readFileSync(file);
    const bad = Buffer.from(original);
    bad[bad.length - 1] = bad[bad.length - 1]! ^ 0xff;
    fs.writeFileSync(file, bad);
    try {
      const dst = newDir('bk-bad');
      const r = await tool('restore', ['--from', stoppedDir, '--data-dir', dst], {});
      expect(r.code, r.out).toBe(1);
      expect(r.out).toContain('verification FAILED');
      expect(r.out).toMatch(new RegExp(`mismatch +${victim}`));
      // The others are verified all the same.
      const restored = filesystemStorage(dst);
      const other = m.objects[1]!.key;
      expect((await hashStored(restored, other)).sha256).toBe(other);
    } finally {
      fs.writeFileSync(file, original);
    }
  }, 180_000);
});

describe('backup and restore of an external database with pg_dump', () => {
  let source: TestDb;
  let target: TestDb;
  let before: Populated;
  let src: string;

  beforeAll(async () => {
    source = await createTestDb();
    target = await createTestDb({ migrate: false });
    src = newDir('bk-ext-src');
    before = await populate(source.db, source.url, filesystemStorage(src));
  }, 120_000);
  afterAll(async () => {
    await source?.drop();
    await target?.drop();
  });

  it('dumps and restores into an empty database, or names the client to install when pg_dump is older than the server', async () => {
    const backupDir = path.join(newDir('bk-ext-out'), 'backup');
    const r = await tool('backup', ['--out', backupDir], {
      TELERAD_DATA_DIR: src,
      DATABASE_URL: source.url,
    });
    if (inject('pgKind') === 'embedded') {
      // The test cluster is the embedded PostgreSQL 18; Debian's pg_dump here is older.
      expect(r.code, r.out).toBe(2);
      expect(r.out).toMatch(/install postgresql-client-\d+/i);
      return;
    }
    expect(r.code, r.out).toBe(0);
    expect(readManifest(backupDir).database.method).toBe('pg_dump');
    const dst = newDir('bk-ext-dst');
    const restored = await tool('restore', ['--from', backupDir, '--data-dir', dst], {
      DATABASE_URL: target.url,
    });
    expect(restored.out, restored.out).toContain('Restore verified');
    expect(restored.code).toBe(0);
    expect(await snapshot(target.db)).toEqual(before);
    for (const key of new Set(before.keys))
      expect(fs.readFileSync(await objectPath(dst, key))).toEqual(
        fs.readFileSync(await objectPath(src, key)),
      );
  }, 180_000);
});
