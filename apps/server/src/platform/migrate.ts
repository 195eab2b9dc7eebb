import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const MIGRATIONS_DIR = path.join(import.meta.dirname, '../db/migrations');
/** Repeatable definitions (functions), applied after the migrations on every run. */
const FUNCTIONS_DIR = path.join(import.meta.dirname, '../db/functions');
/** Any constant: every Telerad process takes this advisory lock while migrating. */
const MIGRATION_LOCK = 0x7e1e_4ad0;

/**
 * Applies the numbered, forward-only SQL migrations that are not yet applied, each in its own
 * transaction, under a session advisory lock, so processes starting together never race: the
 * second waits, then finds nothing left to do. Then, still under the lock and in one
 * transaction, it applies every file of `functionsDir`: repeatable `create or replace`
 * definitions (db/functions), so a function has one current text instead of a copy in each
 * migration that changes it. `dir` is the migrations folder (tests point it elsewhere; the
 * functions then apply only when asked for, as they are written for the current tables);
 * returns the migration files it applied.
 */
export async function migrate(
  url: string,
  log: (m: string) => void = () => undefined,
  dir: string = MIGRATIONS_DIR,
  functionsDir: string | null = dir === MIGRATIONS_DIR ? FUNCTIONS_DIR : null,
): Promise<string[]> {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`create table if not exists schema_migrations (
      version int primary key, name text not null, applied_at timestamptz not null default now())`);
    const done = new Set(
      (await client.query<{ version: number }>('select version from schema_migrations')).rows.map(
        (r) => r.version,
      ),
    );
    for (const file of files) {
      const version = Number(file.slice(0, 4));
      if (done.has(version)) continue;
      const sql = fs.readFileSync(path.join(dir, file), 'utf8');
      await client.query('begin');
      try {
        await client.query(sql);
        await client.query('insert into schema_migrations (version, name) values ($1, $2)', [
          version,
          file,
        ]);
        await client.query('commit');
      } catch (e) {
        await client.query('rollback');
        throw new Error(`Migration ${file} failed: ${(e as Error).message}`);
      }
      log(`Applied migration ${file}`);
      applied.push(file);
    }
    if (functionsDir) await applyFunctions(client, functionsDir);
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await client.end();
  }
  return applied;
}

/**
 * Applies the repeatable definitions in `dir` (every `.sql` file, in name order) in one
 * transaction: each must be idempotent (`create or replace`), as it runs at every start.
 */
async function applyFunctions(client: pg.Client, dir: string): Promise<void> {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  await client.query('begin');
  try {
    for (const file of files) {
      try {
        await client.query(fs.readFileSync(path.join(dir, file), 'utf8'));
      } catch (e) {
        throw new Error(`Function file ${file} failed: ${(e as Error).message}`);
      }
    }
    await client.query('commit');
  } catch (e) {
    await client.query('rollback');
    throw e;
  }
}
