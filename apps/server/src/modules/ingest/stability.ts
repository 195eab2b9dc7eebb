import { sql } from 'kysely';
import type { Db } from '../../platform/db';

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
 * Marks studies stable whose last instance arrived more than `quietSeconds` ago. One atomic
 * UPDATE, so several server processes can run it at once and each study is claimed once.
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

/** Re-opens a study whose event could not be published, so the next sweep tries again. */
export async function reopenStudy(db: Db, studyId: string): Promise<void> {
  await db.updateTable('studies').set({ stable_at: null }).where('id', '=', studyId).execute();
}

/**
 * Sweeps for stable studies every `intervalMs` and publishes a `study.stable` event for each
 * (DESIGN.md §2: "A study becomes stable when no instance has arrived for a quiet period").
 * A study that receives a new instance later is re-opened by ingest and becomes stable again.
 */
export function startStabilityWatcher(opts: {
  db: Db;
  quietSeconds: number;
  intervalMs: number;
  publish: (e: StudyStableEvent) => Promise<void>;
  onError: (e: Error) => void;
}): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  let stopped = false;
  const sweep = async () => {
    for (const e of await markStableStudies(opts.db, opts.quietSeconds)) {
      try {
        await opts.publish(e);
      } catch (err) {
        await reopenStudy(opts.db, e.studyId).catch(() => undefined);
        opts.onError(err as Error);
      }
    }
  };
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = sweep()
      .catch((e: Error) => opts.onError(e))
      .finally(() => {
        running = null;
      });
  }, opts.intervalMs);
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
