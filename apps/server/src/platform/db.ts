import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../db/types';
import { checkPgShape } from './pgShape';

export type { Database };
/** The query builder every repo uses. */
export type Db = Kysely<Database>;

// bigint (int8) as string would surprise callers counting rows; counts fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));
// DATE stays the ISO calendar string it is: a DICOM date has no time zone.
pg.types.setTypeParser(1082, (v) => v);

const pools = new WeakMap<Db, pg.Pool>();
let pgChecked = false;

/** Opens a pooled Kysely connection to `url`. */
export function createDb(url: string, max = 20): { db: Db; pool: pg.Pool } {
  // The index queue drives node-postgres below its query API: refuse to run on a pg whose
  // internals changed (checked once per process).
  if (!pgChecked) checkPgShape();
  pgChecked = true;
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'telerad' });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  return { db, pool };
}

/**
 * The connection pool under a database opened by `createDb`, for the rare statement the query
 * builder cannot send (`HeldStatement`); null for any other Kysely instance.
 */
export function poolOf(db: Db): pg.Pool | null {
  return pools.get(db) ?? null;
}
