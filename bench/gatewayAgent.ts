/**
 * The gateway side of `npm run bench:gateway`, run by bench/gateway.ts inside the clinic's
 * network namespace: enqueues the given files, runs the real transfer loop to the centre, prints
 * one JSON line per instance the centre accepted and a last line when the queue is drained.
 *
 *   node --import tsx bench/gatewayAgent.ts <job.json>
 */
import fs from 'node:fs';
import { startTransfer } from '../apps/gateway/src/transfer';
import {
  MemoryQueue,
  RecordingStats,
  type Received,
} from '../apps/gateway/src/transfer/testSupport';

/** What bench/gateway.ts hands over. */
export interface AgentJob {
  centreUrl: string;
  token: string;
  dataDir: string;
  files: Received[];
  config: Record<string, unknown>;
}

const job = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as AgentJob;
const emit = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);
const queue = new MemoryQueue();
for (const f of job.files) queue.enqueue(f);
const stats = new RecordingStats();
const errors: { code: string; message: string }[] = [];
const started = performance.now();
const t = startTransfer({
  config: job.config,
  queue,
  stats: {
    recordSent: (w, o) => stats.recordSent(w, o),
    recordSuccess: () => {
      stats.recordSuccess();
      emit({ type: 'stored', n: stats.successes, at: (performance.now() - started) / 1000 });
    },
    recordLinkKbps: (k) => stats.recordLinkKbps(k),
  },
  errors: { push: (e) => errors.push(e) },
  token: job.token,
  log: { info: () => undefined, warn: () => undefined, error: (o) => emit({ type: 'log', o }) },
  centreUrl: job.centreUrl,
  dataDir: job.dataDir,
});
await queue.drained(3_600_000);
const seconds = (performance.now() - started) / 1000;
await t.stop();
emit({
  type: 'drained',
  seconds,
  wireBytes: stats.wireBytes,
  originalBytes: stats.originalBytes,
  successes: stats.successes,
  linkKbps: stats.kbps,
  errors: errors.map((e) => e.code),
});
