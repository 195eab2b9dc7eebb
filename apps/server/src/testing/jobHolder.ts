/**
 * A worker node that takes one job and never finishes it, for the heartbeat test (not used by
 * the product). Run as
 *
 *   node --import tsx apps/server/src/testing/jobHolder.ts <database url> <queue>
 *
 * It starts pg-boss as a worker node does (`startJobs`), works `queue` (made by `ensureQueue`,
 * as every product queue is) with a handler that prints `holding <job id>` and waits forever,
 * so the test can SIGKILL it while the job is `active` and its heartbeat is running.
 */
import { ensureQueue, startJobs } from '../platform/jobs';

const [url, queue] = process.argv.slice(2);
if (!url || !queue) {
  console.error('usage: jobHolder.ts <database url> <queue>');
  process.exit(2);
}
const boss = await startJobs(url, [], (e) => console.error(e));
await ensureQueue(boss, queue);
await boss.work(queue, { pollingIntervalSeconds: 0.5 }, async ([job]) => {
  process.stdout.write(`holding ${job!.id}\n`);
  await new Promise<void>(() => undefined);
});
