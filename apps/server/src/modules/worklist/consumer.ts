import { ensureQueue } from '../../platform/jobs';
import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Db } from '../../platform/db';
import { STUDY_STABLE_QUEUE, type StudyStableEvent } from '../ingest';
import { createPrimaryReadTask, type CreatePrimaryReadResult } from './tasks';

/** Logs what creating a study's primary read did, on `log` (which names the study). */
export function logPrimaryRead(log: Logger, r: CreatePrimaryReadResult): void {
  if (r.outcome === 'created') {
    log.info(
      {
        taskId: r.taskId,
        centreId: r.route.centreId,
        decision: r.route.decision,
        state: r.route.state,
        dueAt: r.route.dueAt,
      },
      `primary read routed: ${r.route.reason}`,
    );
  } else if (r.outcome === 'exists') {
    log.info({ taskId: r.taskId }, 'study already has an open primary read; kept it');
  } else if (r.outcome === 'study_missing') {
    log.warn('stable study no longer exists; no task created');
  } else if (r.outcome === 'awaiting_identity') {
    log.info('stable study has no Patient ID; it waits in the needs-attention list');
  } else if (r.outcome === 'awaiting_order') {
    log.info(
      'stable study matched no order and its clinic holds such images; it waits on the desk',
    );
  } else if (r.outcome === 'no_new_images') {
    log.info('stable study has no new images (a clinic SR alone); no primary read');
  } else {
    log.info({ outcome: (r as { outcome: string }).outcome }, 'no primary read created');
  }
}

/**
 * Works the `study.stable` queue: each stable study gets its primary-read task, routed by
 * centre service hours. Creates the queue if the stability watcher has not yet. A job that
 * throws is retried by pg-boss; creation is idempotent, so a retry or a redelivered event never
 * makes a second task. Polls every 0.5 s (pg-boss's floor) so a study reaches the worklist well
 * within a second of becoming stable. Returns a stop function.
 */
export async function startStableStudyConsumer(opts: {
  db: Db;
  boss: PgBoss;
  log: Logger;
  /** The routing instant; the wall clock unless a test fixes it. */
  now?: () => Date;
}): Promise<{ stop(): Promise<void> }> {
  const now = opts.now ?? (() => new Date());
  await ensureQueue(opts.boss, STUDY_STABLE_QUEUE);
  await opts.boss.work<StudyStableEvent>(
    STUDY_STABLE_QUEUE,
    { pollingIntervalSeconds: 0.5 },
    async (jobs) => {
      for (const job of jobs) {
        const e = job.data;
        const r = await createPrimaryReadTask(opts.db, e, now());
        logPrimaryRead(
          opts.log.child({ jobId: job.id, studyId: e.studyId, studyUid: e.studyUid }),
          r,
        );
      }
    },
  );
  return { stop: () => opts.boss.offWork(STUDY_STABLE_QUEUE) };
}
