import { sql } from 'kysely';
import type { PgBoss } from 'pg-boss';
import type { Db } from '../../platform/db';
import { enqueueInTransaction, ensureQueue } from '../../platform/jobs';
import { startPeriodic } from '../../platform/periodic';

/** The event a study emits when it becomes stable; the worklist consumes it. */
export interface StudyStableEvent {
  studyId: string;
  studyUid: string;
  clinicId: string;
  numInstances: number;
  stableAt: string;
}

/** The pg-boss queue `study.stable` events go to. */
export const STUDY_STABLE_QUEUE = 'study.stable';

/**
 * The pg-boss queue the same events go to for sending a stable study's images out to readers
 * outside the centre (CAD products, docs/adr/0040). A second queue, not a second worker on the
 * first: each pg-boss job is worked once, and forwarding must neither wait for nor hold up the
 * primary read.
 */
export const STUDY_FORWARD_QUEUE = 'study.forward';

/** The queues every stable study is enqueued on, in the transaction that marks it stable. */
const STABLE_QUEUES = [STUDY_STABLE_QUEUE, STUDY_FORWARD_QUEUE] as const;

/** Bosses whose stable-study queues exist (created once per boss, idempotently). */
const queuesReady = new WeakSet<PgBoss>();

/** Creates the stable-study queues on `boss` once; enqueueing needs them to exist. */
async function ensureStableQueues(boss: PgBoss): Promise<void> {
  if (queuesReady.has(boss)) return;
  for (const q of STABLE_QUEUES) await ensureQueue(boss, q);
  queuesReady.add(boss);
}

/**
 * Marks studies stable whose last instance arrived more than `quietSeconds` ago. One atomic
 * UPDATE, so several server processes can run it at once and each study is claimed once. Run it
 * inside the transaction that enqueues the events (`sweepStableStudies`); alone it hands off nothing.
 */
export async function markStableStudies(db: Db, quietSeconds: number): Promise<StudyStableEvent[]> {
  const rows = await sql<{
    id: string;
    study_uid: string;
    clinic_id: string;
    num_instances: number;
    stable_at: Date;
  }>`
    update studies set stable_at = now()
    where stable_at is null and last_received_at < now() - make_interval(secs => ${quietSeconds})
    returning id, study_uid, clinic_id, num_instances, stable_at`.execute(db);
  return rows.rows.map((r) => ({
    studyId: r.id,
    studyUid: r.study_uid,
    clinicId: r.clinic_id,
    numInstances: r.num_instances,
    stableAt: r.stable_at.toISOString(),
  }));
}

/**
 * Test-only fault points around the stable-study hand-off. The product never passes them; the
 * crash tests use them to kill the process at the exact point between two steps.
 */
export interface StabilityFaults {
  /** Inside the transaction: the studies are marked stable, their jobs not yet enqueued. */
  afterMark?: (events: readonly StudyStableEvent[]) => Promise<void> | void;
  /** After the commit, before `onStable` runs. */
  afterCommit?: (events: readonly StudyStableEvent[]) => Promise<void> | void;
}

/**
 * One sweep of the hand-off: marks the quiet studies stable and enqueues a `study.stable` job
 * (and a `study.forward` job) for each in the same transaction, so a study is stable exactly when its job exists (DESIGN.md
 * §2). A crash or failure before the commit leaves both undone and the next sweep marks the
 * study again; after the commit the job survives any crash and the worklist works it.
 */
export async function sweepStableStudies(opts: {
  db: Db;
  boss: PgBoss;
  quietSeconds: number;
  faults?: StabilityFaults;
}): Promise<StudyStableEvent[]> {
  await ensureStableQueues(opts.boss);
  const events = await opts.db.transaction().execute(async (trx) => {
    const marked = await markStableStudies(trx, opts.quietSeconds);
    await opts.faults?.afterMark?.(marked);
    for (const q of STABLE_QUEUES) await enqueueInTransaction(opts.boss, trx, q, marked);
    return marked;
  });
  await opts.faults?.afterCommit?.(events);
  return events;
}

/**
 * Creates the `study.stable` queue, then sweeps for stable studies every `intervalMs`
 * (DESIGN.md §2: "A study becomes stable when no instance has arrived for a quiet period").
 * Each sweep commits the marks with their jobs (`sweepStableStudies`), then hands the events to
 * `onStable`, a fast path that may act at once; the queued jobs remain the durable path, so
 * `onStable` may fail or never run without losing a study. A study that receives a new
 * instance later is re-opened by ingest and becomes stable again.
 */
export async function startStabilityWatcher(opts: {
  db: Db;
  boss: PgBoss;
  quietSeconds: number;
  intervalMs: number;
  onStable?: (events: readonly StudyStableEvent[]) => void;
  onError: (e: Error) => void;
  faults?: StabilityFaults;
}): Promise<{ stop(): Promise<void> }> {
  await ensureStableQueues(opts.boss);
  return startPeriodic(
    opts.intervalMs,
    async () => {
      const events = await sweepStableStudies(opts);
      if (events.length) opts.onStable?.(events);
    },
    (e) => opts.onError(e as Error),
  );
}
