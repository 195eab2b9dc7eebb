import pg from 'pg';
import { startEmbeddedPostgres } from '../platform/embeddedPostgres';

/**
 * Test helper run as its own process (`tsx orphanPostgres.ts <dir> <value>`): starts the
 * embedded cluster in `<dir>`, commits a row holding `<value>`, prints
 * `READY <node pid> <postmaster pid>` and then waits until it is killed. A test kills this
 * process with SIGKILL to leave an orphaned postmaster behind, as a killed server would.
 */
async function run(): Promise<void> {
  const [dir, value] = process.argv.slice(2);
  if (!dir || !value) throw new Error('usage: orphanPostgres.ts <dir> <value>');
  const pgs = await startEmbeddedPostgres({ dir });
  const client = new pg.Client({ connectionString: pgs.adminUrl });
  await client.connect();
  await client.query('create table if not exists orphan_rows (value text not null)');
  await client.query('insert into orphan_rows (value) values ($1)', [value]);
  // The connection stays open: the orphan keeps a live backend, as a running server would.
  process.stdout.write(`READY ${process.pid} ${pgs.pid}\n`);
  setInterval(() => undefined, 60_000);
}

run().catch((e: unknown) => {
  process.stderr.write(`orphanPostgres failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
