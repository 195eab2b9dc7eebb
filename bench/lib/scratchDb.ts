import pg from 'pg';
import { createDb } from '../../apps/server/src/platform/db';
import { migrate } from '../../apps/server/src/platform/migrate';

/**
 * A migrated scratch database for a bench, on the server at `DATABASE_URL` (the local one when
 * absent), named after the bench and this process. `drop()` closes it and drops it, whatever the
 * bench left in it.
 */
export async function scratchDatabase(label: string) {
  const adminUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const name = `telerad_${label}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  const { db } = createDb(url.toString());
  return {
    db,
    url: url.toString(),
    drop: async () => {
      await db.destroy();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Seconds since `t` (a `performance.now()`), as printed: `12.3 s`. */
export const seconds = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;

/** `run` timed `n` times after two warm-up runs: its median and 95th percentile in ms. */
export async function timed(
  run: () => Promise<unknown>,
  n: number,
): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 2; i++) await run();
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await run();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(n / 2)]!, p95: ms[Math.min(n - 1, Math.ceil(n * 0.95) - 1)]! };
}
