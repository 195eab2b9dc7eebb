import { sql } from 'kysely';
import type { Db } from '../../platform/db';

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
 * The index writes of objects that already have their name (docs/adr/0007). Each write is one
 * autocommitted statement, so its COMMIT costs no round trip of its own. While a statement is
 * running, writes that arrive meanwhile (other associations, other STOW requests) wait and are
 * then sent as one statement: one parse, one transaction and one WAL flush for all of them. A
 * batch takes its study locks in one order (study, then SOP Instance UID), the same in every
 * batch, so two batches (one of them slow) never deadlock on each other. When a batch
 * fails, the database rolls all of it back and each of its writes is sent again alone: one
 * refused object (another clinic's study, say) gets its own error and the others are stored.
 */
export class IndexQueue {
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;
  /** Statements sent so far (for tests and benchmarks). */
  statements = 0;

  constructor(private readonly db: Db) {}

  write(w: IndexWrite): Promise<IndexRow> {
    return new Promise<IndexRow>((resolve, reject) => {
      this.waiting.push({ ...w, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < IN_FLIGHT && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, BATCH_MAX);
      this.inFlight++;
      let holding = true;
      const release = () => {
        if (!holding) return;
        holding = false;
        this.inFlight--;
        this.pump();
      };
      const slow = setTimeout(release, SLOW_MS);
      void this.send(batch)
        // send() answers every write itself; should it fail all the same, none is left waiting.
        .catch((e: unknown) => batch.forEach((w) => w.reject(e)))
        .finally(() => {
          clearTimeout(slow);
          release();
        });
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
