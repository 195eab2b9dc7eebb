import { ensureQueue } from '../../platform/jobs';
import type { PgBoss } from 'pg-boss';
import { startPeriodic } from '../../platform/periodic';
import { STUDY_FORWARD_QUEUE, type StudyStableEvent } from '../ingest';
import { forwardStableStudy, runDueCadForwards, type CadForwardDeps } from './forwardRunner';

/**
 * Starts forwarding stable chest X-rays to CADs (docs/adr/0040): works the `study.forward`
 * queue, which the stability sweep fills in the transaction that marks a study stable (each
 * study's forwards are planned, idempotently, and first attempted at once), and sweeps every
 * `intervalMs` for forwards due again after backoff. Several processes may run both: each
 * attempt claims its forwards first. Returns a stop function.
 */
export async function startCadForwarding(opts: {
  deps: CadForwardDeps;
  boss: PgBoss;
  intervalMs?: number;
  onError: (err: unknown) => void;
}): Promise<{ stop(): Promise<void> }> {
  const { deps, boss } = opts;
  await ensureQueue(boss, STUDY_FORWARD_QUEUE);
  await boss.work<StudyStableEvent>(
    STUDY_FORWARD_QUEUE,
    { pollingIntervalSeconds: 1 },
    async (jobs) => {
      for (const job of jobs) {
        const r = await forwardStableStudy(deps, job.data.studyId);
        if (r.sent + r.failed + r.gaveUp > 0)
          deps.log.info({ jobId: job.id, studyId: job.data.studyId, ...r }, 'CAD forwards run');
      }
    },
  );
  const sweep = startPeriodic(opts.intervalMs ?? 5000, () => runDueCadForwards(deps), opts.onError);
  return {
    stop: async () => {
      await sweep.stop();
      await boss.offWork(STUDY_FORWARD_QUEUE);
    },
  };
}
