import { GatewayOrderPushResult, GatewayWorklist, type GatewayOrder } from '@telerad/contracts';
import { centreEndpoint } from '../enrol';
import type { Logger } from '../log';
import type { ErrorRing } from '../status/errors';
import type { WorklistCache } from './cache';
import type { Outbox } from './outbox';

/** The outcome of the last sync with the centre, for the status page. */
export interface SyncResult {
  at: string;
  ok: boolean;
  error: string | null;
}

export interface WorklistSyncDeps {
  centreUrl: string;
  /** The gateway's token, read at each request (rotation); null before enrolment. */
  token: () => string | null;
  cache: WorklistCache;
  outbox: Outbox;
  errors: ErrorRing;
  log: Logger;
  /** Seconds between syncs while the centre answers. */
  intervalSeconds: number;
  fetchImpl?: typeof fetch;
  random?: () => number;
}

/** Orders per push: a small request on a slow link. */
const PUSH_BATCH = 50;
/** While the centre cannot be reached, waits grow to this many intervals at most. */
const BACKOFF_INTERVALS = 8;

/**
 * Keeps the gateway's copy of its clinic's worklist and hands the orders registered here to the
 * centre. Each round first pushes the outbox (an order leaves it only on the centre's answer for
 * it), then asks for the worklist with the tag it holds, so while nothing changed the answer is a
 * bodiless 304. Rounds come every interval, jittered by ±20 % so a clinic's gateways do not poll
 * in step; while the centre cannot be reached the wait doubles up to eight intervals. Nothing
 * here throws: a failure is logged and recorded, and the cache goes on answering.
 */
export class WorklistSync {
  last: SyncResult | null = null;
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly deps: WorklistSyncDeps) {}

  private get fetch(): typeof fetch {
    return this.deps.fetchImpl ?? fetch;
  }

  private async request(path: string, init: RequestInit, token: string): Promise<Response> {
    return this.fetch(centreEndpoint(this.deps.centreUrl, path), {
      ...init,
      headers: { ...init.headers, authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(30_000),
    });
  }

  /** Pushes the waiting orders, in batches; each answered one leaves the outbox. */
  private async push(token: string): Promise<void> {
    const { outbox, errors, log } = this.deps;
    for (;;) {
      const batch = outbox.waiting().slice(0, PUSH_BATCH);
      if (!batch.length) return;
      const orders: GatewayOrder[] = batch.map((o) => ({
        localId: o.localId,
        studyInstanceUid: o.studyInstanceUid,
        order: o.order,
      }));
      const response = await this.request(
        '/api/gateways/orders',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ orders }),
        },
        token,
      );
      if (!response.ok) {
        await response.body?.cancel();
        throw new Error(`orders push: HTTP ${response.status}`);
      }
      const { results } = GatewayOrderPushResult.parse(await response.json());
      for (const r of results) {
        if (r.outcome === 'refused') {
          const refusal = { code: r.code ?? 'REFUSED', message: r.message ?? 'refused' };
          await outbox.refuse(r.localId, refusal);
          errors.push(
            'ORDER_REFUSED',
            `the centre refused an order registered here (${refusal.code}): ${refusal.message}`,
          );
          log.warn({ event: 'outbox.refused', localId: r.localId, code: refusal.code }, 'refused');
        } else {
          await outbox.done(r.localId);
          log.info(
            { event: 'outbox.pushed', localId: r.localId, outcome: r.outcome, orderId: r.orderId },
            'order handed to the centre',
          );
        }
      }
    }
  }

  /** Asks for the worklist with the tag held; keeps a new answer durably. */
  private async pull(token: string): Promise<void> {
    const { cache, log } = this.deps;
    const etag = cache.etag;
    const response = await this.request(
      '/api/gateways/worklist',
      { method: 'GET', headers: etag ? { 'if-none-match': etag } : {} },
      token,
    );
    if (response.status === 304) {
      await response.body?.cancel();
      cache.confirm();
      return;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`worklist: HTTP ${response.status}`);
    }
    const worklist = GatewayWorklist.parse(await response.json());
    await cache.replace(worklist, response.headers.get('etag'));
    log.info({ event: 'worklist.synced', items: worklist.items.length }, 'worklist updated');
  }

  /** One round: push, then pull. Resolves with its result whatever happened. */
  async syncOnce(): Promise<SyncResult> {
    const at = new Date().toISOString();
    const token = this.deps.token();
    if (!token) return (this.last = { at, ok: false, error: 'not enrolled' });
    try {
      await this.push(token);
      await this.pull(token);
      this.failures = 0;
      return (this.last = { at, ok: true, error: null });
    } catch (e) {
      const error = (e as Error).message;
      this.failures++;
      if (this.failures === 1)
        this.deps.errors.push(
          'WORKLIST_SYNC_FAILED',
          `worklist sync with the centre failed: ${error}`,
        );
      this.deps.log.warn(
        { event: 'worklist.syncFailed', err: error, failures: this.failures },
        'worklist sync failed; the cached worklist goes on answering',
      );
      return (this.last = { at, ok: false, error });
    }
  }

  /** The wait before the next round: the interval ±20 %, or the backoff while failing. */
  private delayMs(): number {
    const random = this.deps.random ?? Math.random;
    const base = this.deps.intervalSeconds * 1000;
    if (this.failures === 0) return Math.round(base * (0.8 + 0.4 * random()));
    const ceiling = base * Math.min(BACKOFF_INTERVALS, 2 ** Math.min(this.failures - 1, 10));
    return Math.round(ceiling * (0.5 + 0.5 * random()));
  }

  private round(): void {
    clearTimeout(this.timer);
    this.running = this.syncOnce().then(() => {
      this.running = null;
      if (this.stopped) return;
      if (this.again) {
        this.again = false;
        return this.round();
      }
      this.timer = setTimeout(() => this.round(), this.delayMs());
    });
  }

  /** Syncs now and then on the interval until stopped; rounds never overlap. */
  start(): void {
    this.round();
  }

  /** A round as soon as possible (a new local order): after the one running, if any. */
  soon(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.round();
  }

  /** Stops; resolves once no round is in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
