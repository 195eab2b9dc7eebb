import { createRequire } from 'node:module';
import type * as D from 'dcmjs-dimse';

/**
 * A modality's side of the clinic LAN for `npm run bench:gateway`: C-STORE (PS3.7 §9.1.1) of
 * Part 10 files to the gateway's receiver through dcmjs-dimse, the gateway's own DIMSE library.
 */

const dimse = createRequire(import.meta.url)('dcmjs-dimse') as typeof D;
dimse.log.setLevel('silent');

/** Where the gateway listens and who calls it. */
export interface StoreTarget {
  host: string;
  port: number;
  calledAe: string;
  callingAe: string;
}

/** A Part 10 file parsed ahead, so that reading it is not counted in the timings. */
export type LoadedInstance = D.Dataset;

/** Parses `file` once for {@link cstoreTimed}. */
export function loadInstance(file: string): LoadedInstance {
  const dataset = dimse.Dataset.fromFile(file);
  if (!dataset) throw new Error(`cannot read ${file}`);
  return dataset;
}

/** The timings of one association, in milliseconds. */
export interface StoreTimings {
  /** From the association request to its acceptance (A-ASSOCIATE-AC, PS3.8 §7.1). */
  association: number;
  /**
   * Per instance, from the acceptance (first) or the previous response (others) to its C-STORE
   * response: sending the instance plus the gateway's durable write before it answers.
   */
  stores: number[];
}

/** Sends `instances` on one association and times it. */
export function cstoreTimed(
  target: StoreTarget,
  instances: LoadedInstance[],
): Promise<StoreTimings> {
  const client = new dimse.Client();
  const stores: number[] = [];
  const failures: string[] = [];
  let association = 0;
  let last = 0;
  client.on('associationAccepted', () => {
    const now = performance.now();
    association = now - last;
    last = now;
  });
  instances.forEach((instance, i) => {
    const req = new dimse.requests.CStoreRequest(instance);
    req.on('response', (rsp: { getStatus(): number }) => {
      const now = performance.now();
      stores.push(now - last);
      last = now;
      if (rsp.getStatus() !== 0) failures.push(`#${i}: status 0x${rsp.getStatus().toString(16)}`);
    });
    client.addRequest(req);
  });
  return new Promise((resolve, reject) => {
    let problem: string | undefined;
    client.on('associationRejected', () => (problem = 'the gateway rejected the association'));
    client.on('networkError', (e: Error) => (problem ??= `network error: ${e.message}`));
    client.on('closed', () => {
      if (problem) return reject(new Error(problem));
      if (failures.length) return reject(new Error(`C-STORE refused: ${failures.join('; ')}`));
      if (stores.length !== instances.length)
        return reject(new Error(`${instances.length - stores.length} C-STORE responses missing`));
      resolve({ association, stores });
    });
    last = performance.now();
    client.send(target.host, target.port, target.callingAe, target.calledAe);
    // As a modality's stack does: no Nagle delay on the small PDUs that end each C-STORE.
    (
      client as unknown as { network?: { socket?: { setNoDelay(v: boolean): void } } }
    ).network?.socket?.setNoDelay(true);
  });
}

/** p50, p95, p99 and max of `ms`, nearest-rank. */
export function percentiles(ms: number[]): {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
} {
  const s = [...ms].sort((a, b) => a - b);
  const rank = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
  return { n: s.length, p50: rank(50), p95: rank(95), p99: rank(99), max: s[s.length - 1] ?? 0 };
}
