import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const MIGRATIONS_DIR = path.join(import.meta.dirname, '../db/migrations');
/** Any constant: every Telerad process takes this advisory lock while migrating. */
const MIGRATION_LOCK = 0x7e1e_4ad0;

/**
 * Applies the numbered, forward-only SQL migrations that are not yet applied, each in its own
 * transaction, under a session advisory lock, so processes starting together never race: the
 * second waits, then finds nothing left to do. `dir` is the migrations folder (tests point it
 * elsewhere); returns the files it applied.
 */
export async function migrate(
  url: string,
  log: (m: string) => void = () => undefined,
  dir: string = MIGRATIONS_DIR,
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
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await client.end();
  }
  return applied;
}
