import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, type Db } from '../platform/db';
import { migrate } from '../platform/migrate';

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

/** Runs one statement as the cluster superuser. */
export async function adminQuery(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Creates a fresh database, applies the migrations and opens a pool on it. */
export async function createTestDb(opts: { migrate?: boolean } = {}): Promise<TestDb> {
  const name = `telerad_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = urlForDatabase(inject('pgAdminUrl'), name);
  if (opts.migrate !== false) await migrate(url);
  const { db } = createDb(url, 10);
  return {
    db,
    url,
    name,
    drop: async () => {
      await db.destroy();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}
