import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createTestDb, dropDatabase, urlForDatabase, type TestDb } from '../testing/testDb';
import { ensureDatabase, openDatabase, type OpenDatabase } from './database';

const MIGRATIONS = fs
  .readdirSync(path.join(import.meta.dirname, '../db/migrations'))
  .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f));

const opened: OpenDatabase[] = [];
const dbs: TestDb[] = [];
const names: string[] = [];
const roots: string[] = [];
const quiet = () => undefined;

async function count(url: string, table: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const [row] = (await c.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows;
    return row?.n ?? -1;
  } finally {
    await c.end();
  }
}

afterEach(async () => {
  for (const o of opened.splice(0)) await o.close().catch(() => undefined);
  for (const tdb of dbs.splice(0)) await tdb.drop();
  for (const n of names.splice(0)) await dropDatabase(n);
  for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('opens one external database from two processes at once; migrations run once', async () => {
    const tdb = await createTestDb({ migrate: false });
    dbs.push(tdb);
    const both = await Promise.all(
      [1, 2].map(() => openDatabase({ databaseUrl: tdb.url, dataDir: os.tmpdir(), log: quiet })),
    );
    opened.push(...both);
    for (const o of both) {
      expect(o.embedded).toBeNull();
      expect(o.url).toBe(tdb.url);
      const r = await sql<{ one: number }>`select 1 as one`.execute(o.db);
      expect(r.rows).toEqual([{ one: 1 }]);
    }
    expect(await count(tdb.url, 'schema_migrations')).toBe(MIGRATIONS.length);
  });

  it('creates a missing database only once when two processes ask at the same moment', async () => {
    const name = `telerad_t_${randomBytes(6).toString('hex')}`;
    names.push(name);
    const admin = inject('pgAdminUrl');
    await Promise.all([ensureDatabase(admin, name), ensureDatabase(admin, name)]);
    await ensureDatabase(admin, name); // and again, when it already exists
    expect(await count(urlForDatabase(admin, name), 'pg_class')).toBeGreaterThan(0);
  });

  it('without DATABASE_URL starts the embedded cluster under the data directory and stops it on close', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-opendb-'));
    fs.chmodSync(root, 0o755);
    roots.push(root);
    const dataDir = path.join(root, 'data');
    const logged: string[] = [];
    const o = await openDatabase({ databaseUrl: undefined, dataDir, log: (m) => logged.push(m) });
    opened.push(o);
    expect(o.embedded).not.toBeNull();
    expect(fs.existsSync(path.join(dataDir, 'postgres/PG_VERSION'))).toBe(true);
    expect(await count(o.url, 'schema_migrations')).toBe(MIGRATIONS.length);
    expect(logged.some((l) => /Applied migration/.test(l))).toBe(true);
    const pid = o.embedded?.pid ?? -1;

    await o.close();
    opened.splice(0);
    expect(() => process.kill(pid, 0)).toThrow();

    // Reopening the same directory finds everything applied.
    const again = await openDatabase({ databaseUrl: undefined, dataDir, log: quiet });
    opened.push(again);
    expect(await count(again.url, 'schema_migrations')).toBe(MIGRATIONS.length);
  });
});
