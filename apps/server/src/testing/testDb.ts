import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, type Db } from '../platform/db';

/** A throwaway, migrated database for one test file. */
export interface TestDb {
  db: Db;
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** The URL of database `name` in the same cluster as `adminUrl`. */
export function urlForDatabase(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs `use` on a connection to the cluster as its superuser, and closes it. */
async function withAdmin<T>(
  use: (c: pg.Client) => Promise<T>,
  adminUrl: string = inject('pgAdminUrl'),
): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await use(c);
  } finally {
    await c.end();
  }
}

/**
 * Runs one statement as the cluster superuser: the tests' cluster, or `adminUrl`'s (globalSetup,
 * where nothing is injected yet).
 */
export async function adminQuery(sql: string, adminUrl?: string): Promise<void> {
  await withAdmin((c) => c.query(sql), adminUrl);
}

/**
 * Drops database `name` once the connections that are closing have gone. A pool's `end()`
 * settles before its clients' sockets close, and a forced drop in that moment terminates a
 * closing client, whose "terminating connection due to administrator command" then has no
 * listener left: an unhandled error that fails the run though every test passed. So the drop
 * waits (up to 5 s) for the database's backends to leave, then forces out any that stay.
 */
export async function dropDatabase(name: string): Promise<void> {
  await withAdmin(async (c) => {
    for (let i = 0; i < 50; i++) {
      const { rows } = await c.query<{ n: number }>(
        'select count(*)::int as n from pg_stat_activity where datname = $1',
        [name],
      );
      if (rows[0]!.n === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await c.query(`drop database if exists ${name} with (force)`);
  });
}

/** Creates a fresh, migrated database (or an empty one) and opens a pool on it. */
export async function createTestDb(opts: { migrate?: boolean } = {}): Promise<TestDb> {
  const name = `telerad_t_${randomBytes(6).toString('hex')}`;
  // A copy of the database globalSetup migrated once, unless the file tests the migrations.
  await adminQuery(
    opts.migrate === false
      ? `create database ${name}`
      : `create database ${name} template ${inject('pgTemplate')}`,
  );
  const url = urlForDatabase(inject('pgAdminUrl'), name);
  const { db } = createDb(url, 10);
  return {
    db,
    url,
    name,
    drop: async () => {
      await db.destroy();
      await dropDatabase(name);
    },
  };
}
