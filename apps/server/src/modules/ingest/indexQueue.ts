import { sql } from 'kysely';
import type pg from 'pg';
import { poolOf, type Db } from '../../platform/db';
import { HeldStatement } from '../../platform/heldStatement';
import type { PlacedObject } from '../../platform/storage';

/** What `ingest_instance` (db/functions/ingest_instance.sql) returns for one object. */
export interface IndexRow {
  outcome: 'stored' | 'duplicate' | 'new_version';
  instance_id: string;
  study_id: string;
  version: number;
}

/** One object's `ingest_instance` arguments, as JSON text, and its sort key (lock order). */
export interface IndexWrite {
  payload: string;
  /** The header, stored as it is. */
  metadata: string;
  studyUid: string;
  sopUid: string;
  /** The object's size in bytes (a large object's write waits for its bytes; see `write`). */
  size?: number;
}

/** An object's bytes being given their name: what `ObjectStorage.place` returns, but the key. */
export type Placement = Pick<PlacedObject, 'placed' | 'durable'>;

const ALREADY_PLACED: Placement = { placed: Promise.resolve(), durable: Promise.resolve() };

const ONE = 'select ingest_instance($1::jsonb, $2::json) as r';
/** Several objects' arguments as two JSON arrays, answered in their order. */
const MANY = `select ingest_instance(x.p, x.m) as r
  from rows from (jsonb_array_elements($1::jsonb), json_array_elements($2::json))
    with ordinality as x(p, m, n) order by x.n`;

const decodeRow = (fields: (string | null)[]) => JSON.parse(fields[0]!) as IndexRow;

interface Waiting extends IndexWrite {
  placement: Placement;
  resolve: (row: IndexRow) => void;
  reject: (e: unknown) => void;
}

interface Place {
  since: number;
  held: boolean;
}

/** Index statements in flight at once, per database; further writes wait and go together. */
const IN_FLIGHT = 1;
/**
 * A statement running longer than this (waiting for a study row another transaction holds,
 * say) stops holding its place, so one slow study never stalls every other arrival.
 */
const SLOW_MS = 50;
/** Most objects written by one statement. */
const BATCH_MAX = 32;
/**
 * Most statements open at once, slow ones included: each holds a pooled connection, and the
 * rest of the server needs some.
 */
const OPEN_MAX = 8;
/**
 * Objects up to this size are flushed by one write (platform/storage.ts) and placed within a
 * millisecond or so; a larger one's statement is sent early only when the queue is idle.
 */
const EARLY_MAX_BYTES = 512 * 1024;

/** Lock order within a statement: Study Instance UID, then SOP Instance UID. */
const lockOrder = (a: IndexWrite, b: IndexWrite) =>
  a.studyUid === b.studyUid ? (a.sopUid < b.sopUid ? -1 : 1) : a.studyUid < b.studyUid ? -1 : 1;

/**
 * The index writes of objects being stored (docs/adr/0007, 0009, 0010).
 *
 * Writes are sent as soon as the queue has a place, whether or not their bytes have their name
 * yet: a write that finds the queue idle goes alone, and writes that arrive while a statement is
 * in flight wait for it and then go together, up to 32, as one statement. Every statement is
 * held open (`HeldStatement`): its rows are written inside the implicit transaction that only a
 * Sync commits, and the Sync goes once every one of its objects' durable bytes has its name,
 * alongside the directory flushes. The database's work is thus done while the disk is busy
 * anyway, and a commit costs only the WAL flush.
 *
 * A statement takes its study locks in one order (study, then SOP Instance UID), the same in
 * every statement, so two statements (one of them slow) never deadlock on each other. When a
 * statement of several fails, the database rolls all of it back and each of its writes is sent
 * again alone, once its bytes have their name: one refused object (another clinic's study, say)
 * gets its own error and the others are stored. When an object's bytes cannot be given their
 * name, its statement must not commit: its connection is dropped (the database rolls back), the
 * object gets the placement's error, and the others of the statement are sent again alone.
 */
export class IndexQueue {
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;
  /** The places taken by statements in flight, and since when. */
  private readonly places = new Set<Place>();
  private slowTimer: NodeJS.Timeout | undefined;
  /** Statements sent and not yet finished, slow ones included. */
  private open = 0;
  private readonly pool: pg.Pool;
  /** Statements sent so far (for tests and benchmarks). */
  statements = 0;
  /** Of them, statements held open while their bytes were placed. */
  held = 0;

  constructor(private readonly db: Db) {
    const pool = poolOf(db);
    if (!pool) throw new Error('IndexQueue needs a database opened by createDb');
    this.pool = pool;
  }

  /**
   * Writes the index rows of one object and returns once they are committed and `placement`
   * is durable. Nothing commits before the bytes have their name (`placement.placed`).
   */
  async write(w: IndexWrite, placement: Placement = ALREADY_PLACED): Promise<IndexRow> {
    const idle = this.inFlight === 0 && this.waiting.length === 0;
    // A large object's flush takes long: rather than hold a statement (and the queue's place)
    // open for it while others wait, it joins them once its bytes have their name.
    if (!idle && (w.size ?? 0) > EARLY_MAX_BYTES) await placement.placed;
    return new Promise<IndexRow>((resolve, reject) => {
      this.waiting.push({ ...w, placement, resolve, reject });
      this.pump();
    });
  }

  /**
   * Takes a place for a statement; the function returned gives it back (once, however often it
   * is called) and sends what waits.
   */
  private take(): () => void {
    this.inFlight++;
    const place: Place = { since: performance.now(), held: true };
    this.places.add(place);
    return () => {
      this.giveUp(place);
      this.pump();
    };
  }

  private giveUp(place: Place): void {
    if (!place.held) return;
    place.held = false;
    this.places.delete(place);
    this.inFlight--;
  }

  /**
   * While writes wait, a place held for SLOW_MS is given up. One timer serves the queue, armed
   * only while writes wait: a lone arrival (one association) never pays for one.
   */
  private watchSlow(): void {
    if (this.slowTimer || this.waiting.length === 0 || this.places.size === 0) return;
    let oldest = Infinity;
    for (const p of this.places) oldest = Math.min(oldest, p.since);
    this.slowTimer = setTimeout(
      () => {
        this.slowTimer = undefined;
        const now = performance.now();
        for (const p of this.places) if (now - p.since >= SLOW_MS) this.giveUp(p);
        this.pump();
      },
      Math.max(0, oldest + SLOW_MS - performance.now()),
    );
  }

  private pump(): void {
    while (this.inFlight < IN_FLIGHT && this.open < OPEN_MAX && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, BATCH_MAX);
      const release = this.take();
      this.open++;
      void this.send(batch)
        // send() answers every write itself; should it fail all the same, none is left waiting.
        .catch((e: unknown) => batch.forEach((w) => w.reject(e)))
        .finally(() => {
          this.open--;
          release(); // sends what waits, whether or not the place was given up as slow
        });
    }
    this.watchSlow();
  }

  /** One held statement for `batch`, committed once every one of its objects is placed. */
  private async send(batch: Waiting[]): Promise<void> {
    batch.sort(lockOrder);
    this.statements++;
    this.held++;
    let client: pg.PoolClient | undefined;
    let committed = false;
    try {
      client = await this.pool.connect();
      const statement = new HeldStatement<IndexRow>(
        batch.length === 1 ? ONE : MANY,
        batch.length === 1
          ? [batch[0]!.payload, batch[0]!.metadata]
          : [
              `[${batch.map((w) => w.payload).join(',')}]`,
              `[${batch.map((w) => w.metadata).join(',')}]`,
            ],
        decodeRow,
        batch.length === 1 ? 'ingest_instance_one' : 'ingest_instance_many',
      ).run(client);
      // The bytes are placed while the statement runs. The Sync that commits it goes as soon
      // as they are, even before its rows are back: the backend then commits the moment the
      // statement ends, without waiting for a round trip to this process. Should the
      // statement fail, the Sync rolls it back instead.
      const placed = await Promise.allSettled(batch.map((w) => w.placement.placed));
      if (placed.some((p) => p.status === 'rejected')) {
        // Must not commit (a Sync would): the connection is dropped below and the database
        // rolls back. Each object whose bytes were placed is sent again alone.
        placed.forEach((p, i) => {
          if (p.status === 'rejected') batch[i]!.reject(p.reason);
        });
        this.eachAlone(batch.filter((_, i) => placed[i]!.status === 'fulfilled'));
        return;
      }
      const committing = statement.commit();
      let rows: IndexRow[];
      try {
        rows = await statement.rows;
      } catch (e) {
        // Rolled back. One write gets its error; several are each sent again alone.
        if (batch.length === 1) batch[0]!.reject(e);
        else this.eachAlone(batch);
        return;
      }
      await committing;
      committed = true;
      if (rows.length !== batch.length) {
        // Cannot happen (a row per array element); should it, nobody is told of a success
        // that cannot be matched to its object: each sender may send again (a duplicate).
        const e = new Error('a row per write was expected');
        batch.forEach((w) => w.reject(e));
        return;
      }
      batch.forEach((w, i) => w.placement.durable.then(() => w.resolve(rows[i]!), w.reject));
    } finally {
      // A statement that did not commit is abandoned with its connection: the database rolls
      // it back (a Sync would commit it).
      client?.release(!committed);
    }
  }

  /** Sends each write as its own autocommitted statement once its bytes have their name. */
  private eachAlone(writes: Waiting[]): void {
    for (const w of writes) {
      w.placement.placed
        .then(() => this.one(w))
        .then((row) => w.placement.durable.then(() => w.resolve(row)))
        .catch(w.reject);
    }
  }

  private async one(w: IndexWrite): Promise<IndexRow> {
    this.statements++;
    return (
      await sql<{
        r: IndexRow;
      }>`select ingest_instance(${w.payload}::jsonb, ${w.metadata}::json) as r`.execute(this.db)
    ).rows[0]!.r;
  }
}

const queues = new WeakMap<Db, IndexQueue>();

/** The index queue of a database. */
export function indexQueue(db: Db): IndexQueue {
  let q = queues.get(db);
  if (!q) queues.set(db, (q = new IndexQueue(db)));
  return q;
}
