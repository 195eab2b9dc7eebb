/**
 * A process that dies by SIGKILL in the middle of the stable-study hand-off, for the crash tests
 * (not used by the product). Run as
 *
 *   node --import tsx apps/server/src/testing/stabilityCrash.ts <database url> <fault point>
 *
 * It sweeps once, as the stability watcher does, with the fault point (`afterMark`: studies
 * marked, jobs not yet enqueued; `afterCommit`: committed, fast path not yet run) killing the
 * process outright, so no `finally`, rollback or shutdown hook of ours runs. It exits 3 if the
 * sweep found no study to mark, so the test can tell a kill from a sweep that did nothing.
 */
import { PgBoss } from 'pg-boss';
import { sweepStableStudies, type StabilityFaults } from '../modules/ingest';
import { createDb } from '../platform/db';

const [url, point] = process.argv.slice(2);
if (!url || (point !== 'afterMark' && point !== 'afterCommit')) {
  console.error('usage: stabilityCrash.ts <database url> afterMark|afterCommit');
  process.exit(2);
}
// The kill lands at once; the promise only keeps the sweep from going on should it not.
const kill = () => {
  process.kill(process.pid, 'SIGKILL');
  return new Promise<void>(() => undefined);
};
const faults: StabilityFaults = point === 'afterMark' ? { afterMark: kill } : { afterCommit: kill };
const boss = new PgBoss({ connectionString: url, schema: 'pgboss', max: 2 });
boss.on('error', (e) => console.error(e));
await boss.start();
const { db } = createDb(url, 2);
await sweepStableStudies({ db, boss, quietSeconds: 0, faults });
process.exit(3);
