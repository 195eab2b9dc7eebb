import { sql } from 'kysely';
import pg from 'pg';
import type { Db } from './db';

/** The one Postgres channel every server process listens on. */
export const REALTIME_CHANNEL = 'telerad_events';

/** NOTIFY payloads must stay under 8000 bytes: send ids, never whole records. */
export const MAX_PAYLOAD_BYTES = 7900;

/** A notification as local subscribers receive it: the parsed JSON payload. */
export type RealtimeMessage = Record<string, unknown>;

/** A local consumer of notifications. */
export type RealtimeHandler = (message: RealtimeMessage) => void;

/**
 * The cross-process event hub (DESIGN.md §2: fan-out through Postgres LISTEN/NOTIFY). It knows
 * nothing of users or modules: it carries small JSON messages between every process on one
 * database.
 */
export interface Realtime {
  /**
   * Sends `message` to every process on the database, this one included. Local subscribers get
   * it only through LISTEN, so every process sees the same order.
   */
  publish(message: RealtimeMessage): Promise<void>;
  /** Registers a local consumer; returns the function that removes it. */
  subscribe(handler: RealtimeHandler): () => void;
  /** True while the LISTEN connection is up. */
  readonly listening: boolean;
  /**
   * Whether this hub LISTENs at all. False on a node without the realtime role (docs/adr/0047):
   * it publishes to the nodes that do, and serves no live socket itself.
   */
  readonly listens: boolean;
  /** Resolves once the LISTEN connection is (re)established; for tests and start-up. */
  ready(): Promise<void>;
  /** Stops listening and closes both connections. */
  stop(): Promise<void>;
}

/** Options of {@link startRealtime}. */
export interface RealtimeOptions {
  /** The database URL (the same database every process uses). */
  url: string;
  /** Where connection trouble is reported. */
  log?: { info(msg: string): void; warn(msg: string): void; error(msg: string): void };
  /** First and longest reconnect delay, in milliseconds (default 250 and 10 000). */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** `application_name` of the LISTEN connection, as pg_stat_activity shows it. */
  applicationName?: string;
  /**
   * False for a publisher only (a node without the realtime role): no LISTEN connection, and
   * subscribers never hear anything. Default true.
   */
  listen?: boolean;
}

/** The payload of `message`, refused when too large for NOTIFY. */
function payloadOf(message: RealtimeMessage): string {
  const payload = JSON.stringify(message);
  if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES)
    throw new Error(
      `realtime payload of ${Buffer.byteLength(payload)} bytes is too large: send ids`,
    );
  return payload;
}

/**
 * Sends `message` to every process on the database when the caller's transaction `trx` commits,
 * and never if it rolls back: Postgres delivers a NOTIFY issued in a transaction only at its
 * commit. So an event announced this way can never reach a browser before the write it
 * announces is visible, nor announce a write that was undone.
 */
export async function publishInTransaction(trx: Db, message: RealtimeMessage): Promise<void> {
  await sql`select pg_notify(${REALTIME_CHANNEL}, ${payloadOf(message)})`.execute(trx);
}

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Starts the hub: one dedicated connection that LISTENs (and re-LISTENs after reconnecting with
 * backoff when it drops) and a small pool for NOTIFY. Resolves once the first LISTEN is in place.
 */
export async function startRealtime(opts: RealtimeOptions): Promise<Realtime> {
  const log = opts.log ?? silent;
  const minBackoff = opts.minBackoffMs ?? 250;
  const maxBackoff = opts.maxBackoffMs ?? 10_000;
  const handlers = new Set<RealtimeHandler>();
  const pool = new pg.Pool({ connectionString: opts.url, max: 2, idleTimeoutMillis: 30_000 });
  pool.on('error', (e) => log.warn(`realtime: notify connection error: ${e.message}`));

  let client: pg.Client | null = null;
  let stopped = false;
  let listening = false;
  let attempt = 0;
  let retryTimer: NodeJS.Timeout | null = null;
  let waiters: (() => void)[] = [];

  const deliver = (msg: pg.Notification) => {
    if (msg.channel !== REALTIME_CHANNEL || !msg.payload) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(msg.payload);
    } catch {
      log.warn('realtime: ignored a notification that is not JSON');
      return;
    }
    if (!parsed || typeof parsed !== 'object') return;
    for (const h of [...handlers]) {
      try {
        h(parsed as RealtimeMessage);
      } catch (e) {
        log.error(`realtime: subscriber failed: ${(e as Error).message}`);
      }
    }
  };

  const scheduleReconnect = () => {
    if (stopped || retryTimer) return;
    const delay = Math.min(maxBackoff, minBackoff * 2 ** attempt);
    attempt++;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect().catch(() => undefined);
    }, delay);
    retryTimer.unref();
  };

  const dropped = (c: pg.Client, why: string) => {
    if (client !== c) return; // an old connection, already replaced
    client = null;
    listening = false;
    c.removeAllListeners('notification');
    c.end().catch(() => undefined);
    if (stopped) return;
    log.warn(`realtime: LISTEN connection lost (${why}); reconnecting`);
    scheduleReconnect();
  };

  async function connect(): Promise<void> {
    if (stopped) return;
    const c = new pg.Client({
      connectionString: opts.url,
      keepAlive: true,
      application_name: opts.applicationName ?? 'telerad-realtime',
    });
    c.on('error', (e) => dropped(c, e.message));
    c.on('end', () => dropped(c, 'connection ended'));
    c.on('notification', deliver);
    client = c;
    try {
      await c.connect();
      await c.query(`LISTEN ${REALTIME_CHANNEL}`);
    } catch (e) {
      dropped(c, (e as Error).message);
      throw e;
    }
    if (stopped || client !== c) return;
    if (attempt > 0) log.info('realtime: LISTEN connection restored');
    attempt = 0;
    listening = true;
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  }

  const listens = opts.listen ?? true;
  try {
    if (listens) await connect();
  } catch (e) {
    stopped = true;
    if (retryTimer) clearTimeout(retryTimer);
    await pool.end().catch(() => undefined);
    throw e;
  }

  return {
    get listening() {
      return listening;
    },
    listens,
    ready: () =>
      listening || stopped || !listens
        ? Promise.resolve()
        : new Promise<void>((r) => waiters.push(r)),
    subscribe(handler) {
      handlers.add(handler);
      return () => void handlers.delete(handler);
    },
    async publish(message) {
      await pool.query('select pg_notify($1, $2)', [REALTIME_CHANNEL, payloadOf(message)]);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      listening = false;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      const c = client;
      client = null;
      handlers.clear();
      for (const f of waiters) f();
      waiters = [];
      await c?.end().catch(() => undefined);
      await pool.end().catch(() => undefined);
    },
  };
}
