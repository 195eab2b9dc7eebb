import { sql } from 'kysely';
import type pg from 'pg';
import { poolOf, type Db } from '../../platform/db';
import { HeldStatement } from '../../platform/heldStatement';
import type { PlacedObject } from '../../platform/storage';

/** What `ingest_instance` (db/migrations/0011) returns for one object. */
export interface IndexRow {
  outcome: 'stored' | 'duplicate' | 'new_version';
  instance_id: string;
  study_id: string;
  version: number;
}

/** One object's `ingest_instance` argument, as JSON text, and its sort key (lock order). */
export interface IndexWrite {
  payload: string;
  studyUid: string;
  sopUid: string;
}

/** An object's bytes being given their name: what `ObjectStorage.place` returns, but the key. */
export type Placement = Pick<PlacedObject, 'placed' | 'durable'>;

const ALREADY_PLACED: Placement = { placed: Promise.resolve(), durable: Promise.resolve() };

const ONE = 'select ingest_instance($1::jsonb) as r';

interface Waiting extends IndexWrite {
  resolve: (row: IndexRow) => void;
  reject: (e: unknown) => void;
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
 * The index writes of objects being stored (docs/adr/0007, 0009).
 *
 * A write that finds the queue idle (one association sending, say) is run at once, while its
 * bytes are still flushing, as a statement held open (`HeldStatement`): the rows are written
 * inside the implicit transaction that only a Sync commits, and the Sync goes once the durable
 * bytes have their name, alongside the directory flush. The database's work is then done while
 * the disk is busy anyway, and the commit costs only the WAL flush.
 *
 * Writes that arrive while a statement is in flight wait until their bytes have their name and
 * then go together as one autocommitted statement: one parse, one transaction and one WAL flush
 * for all of them. A batch takes its study locks in one order (study, then SOP Instance UID), the
 * same in every batch, so two batches (one of them slow) never deadlock on each other; a held
 * statement locks one study only. When a batch fails, the database rolls all of it back and each
 * of its writes is sent again alone: one refused object (another clinic's study, say) gets its
 * own error and the others are stored.
 */
export class IndexQueue {
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;
  /** Statements sent so far (for tests and benchmarks). */
  statements = 0;
  /** Of them, statements held open while their bytes were placed. */
  held = 0;

  constructor(private readonly db: Db) {}

  /**
   * Writes the index rows of one object and returns once they are committed and `placement`
   * is durable. Nothing commits before the bytes have their name (`placement.placed`).
   */
  async write(w: IndexWrite, placement: Placement = ALREADY_PLACED): Promise<IndexRow> {
    const pool = poolOf(this.db);
    if (pool && this.inFlight < IN_FLIGHT && this.waiting.length === 0)
      return this.holdOpen(w, placement, pool);
    await placement.placed;
    const [row] = await Promise.all([
      new Promise<IndexRow>((resolve, reject) => {
        this.waiting.push({ ...w, resolve, reject });
        this.pump();
      }),
      placement.durable,
    ]);
    return row;
  }

  /** Takes a place for a statement; the function returned gives it back (once). */
  private take(): () => void {
    this.inFlight++;
    let holding = true;
    const release = () => {
      if (!holding) return;
      holding = false;
      clearTimeout(slow);
      this.inFlight--;
      this.pump();
    };
    const slow = setTimeout(release, SLOW_MS);
    return release;
  }

  private async holdOpen(w: IndexWrite, placement: Placement, pool: pg.Pool): Promise<IndexRow> {
    const release = this.take();
    this.statements++;
    this.held++;
    let client: pg.PoolClient | undefined;
    let committed = false;
    try {
      client = await pool.connect();
      const statement = new HeldStatement<IndexRow>(
        ONE,
        [w.payload],
        (fields) => JSON.parse(fields[0]!) as IndexRow,
      ).run(client);
      const [row] = await statement.rows;
      if (!row) throw new Error('ingest_instance returned no row');
      await placement.placed;
      await Promise.all([statement.commit(), placement.durable]);
      committed = true;
      return row;
    } finally {
      // A statement that did not commit is abandoned with its connection: the database rolls
      // it back (a Sync would commit it).
      client?.release(!committed);
      release();
    }
  }

  private pump(): void {
    while (this.inFlight < IN_FLIGHT && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, BATCH_MAX);
      const release = this.take();
      void this.send(batch)
        // send() answers every write itself; should it fail all the same, none is left waiting.
        .catch((e: unknown) => batch.forEach((w) => w.reject(e)))
        .finally(release);
    }
  }

  private async send(batch: Waiting[]): Promise<void> {
    if (batch.length === 1) {
      const w = batch[0]!;
      await this.one(w.payload).then(w.resolve, w.reject);
      return;
    }
    batch.sort((a, b) =>
      a.studyUid === b.studyUid ? (a.sopUid < b.sopUid ? -1 : 1) : a.studyUid < b.studyUid ? -1 : 1,
    );
    let rows: IndexRow[];
    this.statements++;
    try {
      rows = (
        await sql<{ r: IndexRow }>`select ingest_instance(x.value) as r
          from jsonb_array_elements(${`[${batch.map((w) => w.payload).join(',')}]`}::jsonb)
            with ordinality as x order by x.ordinality`.execute(this.db)
      ).rows.map((row) => row.r);
      if (rows.length !== batch.length) throw new Error('a row per write was expected');
    } catch {
      // Nothing of the batch was written: each is sent alone, for its own outcome or error.
      await Promise.all(batch.map((w) => this.one(w.payload).then(w.resolve, w.reject)));
      return;
    }
    batch.forEach((w, i) => w.resolve(rows[i]!));
  }

  private async one(payload: string): Promise<IndexRow> {
    this.statements++;
    return (
      await sql<{ r: IndexRow }>`select ingest_instance(${payload}::jsonb) as r`.execute(this.db)
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
