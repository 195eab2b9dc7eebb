/**
 * The gateway side of `npm run bench:gateway`, run by bench/gateway.ts inside the clinic's
 * network namespace: the real receiver (DIMSE into the fsynced disk queue) and the real transfer
 * loop to the centre. The job's files arrive by C-STORE on the namespace's loopback, as from a
 * modality on the clinic LAN; the agent prints one JSON line per instance the centre accepted and
 * a last line when the queue is drained.
 *
 * With `probes`, it also times local C-STORE acknowledgements (one association per probe image):
 * with the WAN idle (before the upload starts), saturated (while it drains) and cut (after the
 * bench, told by a `want-cut` line, answers `cut` on stdin).
 *
 *   node --import tsx bench/gatewayAgent.ts <job.json>
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { parseConfig } from '../apps/gateway/src/config';
import { createLogger } from '../apps/gateway/src/log';
import { DiskQueue } from '../apps/gateway/src/queue/diskQueue';
import { startDimse } from '../apps/gateway/src/receive/dimse';
import { ErrorRing } from '../apps/gateway/src/status/errors';
import { startTransfer } from '../apps/gateway/src/transfer';
import { cstoreTimed, loadInstance, type StoreTarget } from './lib/localStore';

/** What bench/gateway.ts hands over. */
export interface AgentJob {
  centreUrl: string;
  token: string;
  dataDir: string;
  /** Part 10 files the "modality" stores before the upload starts. */
  files: string[];
  config: Record<string, unknown>;
  /** Small images for the acknowledgement probes, `perPhase` used in each phase. */
  probes?: { files: string[]; perPhase: number };
}

const job = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as AgentJob;
const emit = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);
const commands = readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const log = createLogger('warn');
const port = 30_000 + Math.floor(Math.random() * 20_000);
const config = parseConfig(
  {
    centreUrl: job.centreUrl,
    dataDir: job.dataDir,
    aeTitle: 'BENCH_GW',
    port,
    allowedSenders: [{ aeTitle: 'BENCH_DX' }],
    transfer: job.config,
  },
  job.dataDir,
);
const target: StoreTarget = {
  host: '127.0.0.1',
  port,
  calledAe: 'BENCH_GW',
  callingAe: 'BENCH_DX',
};
const queue = await DiskQueue.open(config.dataDir, log);
const receiver = await startDimse({ config, queue, log, errors: new ErrorRing() });

const probes = (job.probes?.files ?? []).map(loadInstance);
let nextProbe = 0;
/** Times `perPhase` probes, each on its own association, and prints them under `phase`. */
async function probe(phase: string): Promise<void> {
  const ms: number[] = [];
  const association: number[] = [];
  for (let i = 0; i < (job.probes?.perPhase ?? 0); i++) {
    const t = await cstoreTimed(target, [probes[nextProbe++ % probes.length]!]);
    ms.push(...t.stores);
    association.push(t.association);
  }
  emit({ type: 'ack', phase, ms, association });
}

if (job.probes) await probe('idle');
await cstoreTimed(target, job.files.map(loadInstance));

const totals = { wire: 0, original: 0, successes: 0, kbps: null as number | null };
const errors: string[] = [];
const started = performance.now();
const transfer = startTransfer({
  config: config.transfer,
  queue,
  stats: {
    recordSent: (w, o) => {
      totals.wire += w;
      totals.original += o;
    },
    recordSuccess: () => {
      totals.successes++;
      emit({ type: 'stored', n: totals.successes, at: (performance.now() - started) / 1000 });
    },
    recordLinkKbps: (k) => (totals.kbps = k),
  },
  errors: { push: (e) => errors.push(e.code) },
  token: job.token,
  log: { info: () => undefined, warn: () => undefined, error: (o) => emit({ type: 'log', o }) },
  centreUrl: job.centreUrl,
  dataDir: job.dataDir,
});

if (job.probes) {
  // Saturated: the upload has just started on a queue that takes minutes to drain.
  await probe('saturated');
  emit({ type: 'want-cut' });
  await commands.next();
  await probe('cut');
  emit({ type: 'probed' });
} else {
  // Until the queue is empty: the transfer loop has completed every instance. (The probe run
  // stops here instead: it measures reception, and its queue would take minutes to drain.)
  while ((await queue.stats()).depth > 0) await new Promise((r) => setTimeout(r, 200));
}
const seconds = (performance.now() - started) / 1000;
await transfer.stop();
await receiver.close();
queue.close();
emit({
  type: 'drained',
  seconds,
  wireBytes: totals.wire,
  originalBytes: totals.original,
  successes: totals.successes,
  linkKbps: totals.kbps,
  errors,
});
process.exit(0);
