import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../testing/testDb';
import { migrate } from './migrate';

const MIGRATIONS = fs
  .readdirSync(path.join(import.meta.dirname, '../db/migrations'))
  .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
  .sort();

const dbs: TestDb[] = [];
const dirs: string[] = [];

async function freshDb(): Promise<TestDb> {
  const tdb = await createTestDb({ migrate: false });
  dbs.push(tdb);
  return tdb;
}

function migrationsDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-migrations-'));
  dirs.push(dir);
  for (const [name, sql] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), sql);
  return dir;
}

async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<R>(sql)).rows;
  } finally {
    await c.end();
  }
}

const appliedRows = (url: string) =>
  query<{ version: number; name: string }>(
    url,
    'select version, name from schema_migrations order by version',
  );

const tables = async (url: string) =>
  (
    await query<{ t: string }>(
      url,
      "select table_name as t from information_schema.tables where table_schema = 'public' order by 1",
    )
  ).map((r) => r.t);

afterEach(async () => {
  for (const tdb of dbs.splice(0)) await tdb.drop();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('migrate', () => {
  it('applies each migration exactly once when four processes migrate at the same moment', async () => {
    expect(MIGRATIONS.length).toBeGreaterThan(0);
    const { url } = await freshDb();
    const results = await Promise.all([1, 2, 3, 4].map(() => migrate(url)));

    // One caller did the work; the others waited on the lock and found nothing left.
    expect(results.flat().sort()).toEqual(MIGRATIONS);
    expect(results.filter((r) => r.length > 0)).toHaveLength(1);
    expect(await appliedRows(url)).toEqual(
      MIGRATIONS.map((name) => ({ version: Number(name.slice(0, 4)), name })),
    );
    expect(await migrate(url)).toEqual([]);
    expect(await appliedRows(url)).toHaveLength(MIGRATIONS.length);
  });

  it('applies pending files in numeric order and ignores files that are not migrations', async () => {
    const { url } = await freshDb();
    const dir = migrationsDir({
      '0010_third.sql': 'create table third (id int references second (id));',
      '0002_second.sql': 'create table second (id int primary key references first (id));',
      '0001_first.sql': 'create table first (id int primary key);',
      'README.md': 'not sql',
      '0003_draft.sql.bak': 'select 1/0;',
    });
    const logged: string[] = [];
    expect(await migrate(url, (m) => logged.push(m), dir)).toEqual([
      '0001_first.sql',
      '0002_second.sql',
      '0010_third.sql',
    ]);
    expect(logged).toHaveLength(3);
    expect((await appliedRows(url)).map((r) => r.version)).toEqual([1, 2, 10]);

    fs.writeFileSync(path.join(dir, '0011_fourth.sql'), 'create table fourth (id int);');
    expect(await migrate(url, undefined, dir)).toEqual(['0011_fourth.sql']);
  });

  it('rolls a failing migration back entirely, keeps the earlier ones, and resumes once fixed', async () => {
    const { url } = await freshDb();
    const dir = migrationsDir({
      '0001_good.sql': 'create table good (id int primary key);',
      '0002_bad.sql': `create table half_done (id int);
        insert into good values (1);
        select 1 / 0;`,
      '0003_after.sql': 'create table after_bad (id int);',
    });
    await expect(migrate(url, undefined, dir)).rejects.toThrow(
      /Migration 0002_bad\.sql failed: division by zero/,
    );
    expect((await appliedRows(url)).map((r) => r.name)).toEqual(['0001_good.sql']);
    expect(await tables(url)).toEqual(['good', 'schema_migrations']);
    expect(await query(url, 'select * from good')).toEqual([]);

    // The lock was released: the next run does not hang, and fails the same way.
    await expect(migrate(url, undefined, dir)).rejects.toThrow(/0002_bad\.sql failed/);

    fs.writeFileSync(path.join(dir, '0002_bad.sql'), 'create table half_done (id int);');
    expect(await migrate(url, undefined, dir)).toEqual(['0002_bad.sql', '0003_after.sql']);
    expect(await tables(url)).toEqual(['after_bad', 'good', 'half_done', 'schema_migrations']);
  });

  it('lets a concurrent caller wait while a failing migration rolls back, then fail cleanly', async () => {
    const { url } = await freshDb();
    const dir = migrationsDir({
      '0001_slow_bad.sql': 'create table slow (id int); select pg_sleep(0.5); select 1 / 0;',
    });
    const outcomes = await Promise.allSettled([1, 2, 3].map(() => migrate(url, undefined, dir)));
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await appliedRows(url)).toEqual([]);
    expect(await tables(url)).toEqual(['schema_migrations']);
  });

  it('applies db/functions after every run, so ingest_instance is always what its file says', async () => {
    const file = fs.readFileSync(
      path.join(import.meta.dirname, '../db/functions/ingest_instance.sql'),
      'utf8',
    );
    const body = file.slice(file.indexOf('$$') + 2, file.lastIndexOf('$$'));
    const source = async (url: string) =>
      (
        await query<{ src: string }>(
          url,
          "select prosrc as src from pg_proc where proname = 'ingest_instance'",
        )
      ).map((r) => r.src);
    const { url } = await freshDb();
    await migrate(url);
    expect(await source(url)).toEqual([body]);

    // A definition changed behind the file's back (or left by an older migration) is replaced
    // at the next run, though no migration is pending.
    await query(
      url,
      "create or replace function ingest_instance(p jsonb, m json) returns jsonb language sql as $$ select '{}'::jsonb $$",
    );
    expect(await migrate(url)).toEqual([]);
    expect(await migrate(url)).toEqual([]);
    expect(await source(url)).toEqual([body]);
  });

  it('rolls back every function file when one fails, naming it', async () => {
    const { url } = await freshDb();
    const dir = migrationsDir({ '0001_t.sql': 'create table t (id int);' });
    const functions = migrationsDir({
      'a.sql': 'create or replace function fa() returns int language sql as $$ select 1 $$;',
      'b.sql': 'create or replace function fb() returns int language sql as $$ select nope $$;',
    });
    await expect(migrate(url, undefined, dir, functions)).rejects.toThrow(/Function file b\.sql/);
    expect(await query(url, "select proname from pg_proc where proname in ('fa', 'fb')")).toEqual(
      [],
    );
    expect(await tables(url)).toEqual(['schema_migrations', 't']);
  });
});
