import path from 'node:path';
import pg from 'pg';
import { createDb, type Db } from './db';
import { embeddedUrlFor, startEmbeddedPostgres, type EmbeddedPostgres } from './embeddedPostgres';
import { migrate } from './migrate';

/** An open, migrated database, and how to close it. */
export interface OpenDatabase {
  db: Db;
  url: string;
  embedded: EmbeddedPostgres | null;
  close(): Promise<void>;
}

const EMBEDDED_DB = 'telerad';

/** Creates `name` in the cluster at `adminUrl` if it is missing. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    const r = await c.query('select 1 from pg_database where datname = $1', [name]);
    if (r.rowCount === 0)
      await c
        .query(`create database "${name.replace(/"/g, '""')}"`)
        .catch((e: { code?: string }) => {
          // Created meanwhile by a process starting beside us: 42P04 when it was already
          // committed, 23505 (pg_database_datname_index) when both inserted at once.
          if (e.code !== '42P04' && e.code !== '23505') throw e;
        });
  } finally {
    await c.end();
  }
}

/**
 * Opens the database: `DATABASE_URL` when given, else the embedded PostgreSQL under
 * `$TELERAD_DATA_DIR/postgres`. Applies pending migrations before returning.
 */
/** Where the embedded cluster of a data directory lives. */
export const embeddedClusterDir = (dataDir: string) => path.join(dataDir, 'postgres');

/** The URL of the embedded database of a data directory (for tests that inspect a server's). */
export function embeddedDatabaseUrl(dataDir: string): string {
  return embeddedUrlFor(embeddedClusterDir(dataDir), EMBEDDED_DB);
}

export async function openDatabase(opts: {
  databaseUrl: string | undefined;
  dataDir: string;
  log: (m: string) => void;
}): Promise<OpenDatabase> {
  let embedded: EmbeddedPostgres | null = null;
  let url = opts.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres({
      dir: embeddedClusterDir(opts.dataDir),
      log: opts.log,
    });
    await ensureDatabase(embedded.adminUrl, EMBEDDED_DB);
    url = embedded.urlFor(EMBEDDED_DB);
  }
  try {
    await migrate(url, opts.log);
  } catch (e) {
    await embedded?.stop();
    throw e;
  }
  const { db } = createDb(url);
  return {
    db,
    url,
    embedded,
    close: async () => {
      await db.destroy();
      await embedded?.stop();
    },
  };
}
