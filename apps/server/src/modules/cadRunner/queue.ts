import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Db } from '../../platform/db';
import { enqueueInTransaction, ensureQueue } from '../../platform/jobs';
import type { ObjectStorage } from '../../platform/storage';
import { ensureRunnerIdentity } from './identity';
import { runCadOnStudy, type CadRunnerDeps } from './runner';
import { checkModel } from './session';
import type { CadRunnerSettings } from './settings';

/**
 * The runner's queue (docs/adr/0042): a job per study whose primary read was just created,
 * enqueued in the read's own transaction, worked off the request path by this process's worker.
 */

/** The pg-boss queue of CAD runner jobs. */
export const CAD_RUNNER_QUEUE = 'cad.runner';

/** One job: the study to score. */
export interface CadRunnerJob {
  studyId: string;
}

/** Retries for a failed run (a file or the database away): about 6 attempts over 30 minutes. */
const RETRY = { retryLimit: 6, retryDelay: 30, retryBackoff: true, retryDelayMax: 900 };

/** The queue jobs go to while a runner is started in this process; none otherwise. */
let outlet: PgBoss | null = null;

/**
 * Queues the study for the centre's model in the caller's transaction `trx` (the one creating
 * its primary read), so the job exists exactly when the read does. Does nothing when no runner
 * is configured.
 */
export async function queueCadRun(trx: Db, job: CadRunnerJob): Promise<void> {
  if (outlet) await enqueueInTransaction(outlet, trx, CAD_RUNNER_QUEUE, [job]);
}

/** A started runner: its identity (for tests and the log) and how to stop it. */
export interface StartedCadRunner {
  deps: CadRunnerDeps;
  stop(): Promise<void>;
}

/**
 * Starts the centre's model runner: loads and checks the model (a bad file throws
 * `CadModelError`, and the server refuses to boot), makes sure its account and product version
 * exist, creates the queue and works it. Each job scores its study's images (`runCadOnStudy`).
 */
export async function startCadRunner(opts: {
  db: Db;
  boss: PgBoss;
  storage: ObjectStorage;
  settings: CadRunnerSettings;
  log: Logger;
  /** How often the worker polls; 1 s unless given. */
  pollingIntervalSeconds?: number;
}): Promise<StartedCadRunner> {
  await checkModel(opts.settings);
  const identity = await ensureRunnerIdentity(opts.db, opts.settings);
  const deps: CadRunnerDeps = {
    db: opts.db,
    storage: opts.storage,
    settings: opts.settings,
    account: { userId: identity.userId, displayName: identity.displayName },
    product: identity.product,
    log: opts.log,
  };
  await ensureQueue(opts.boss, CAD_RUNNER_QUEUE, RETRY);
  // One job at a time: inference is CPU work beside ingest and the API on the same machine.
  await opts.boss.work<CadRunnerJob>(
    CAD_RUNNER_QUEUE,
    { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 1, batchSize: 1 },
    async (jobs) => {
      for (const job of jobs) await runCadOnStudy(deps, job.data.studyId, job.id);
    },
  );
  outlet = opts.boss;
  opts.log.info(
    { product: `${identity.product.name} ${identity.product.version}`, model: opts.settings.model },
    'CAD runner started',
  );
  return {
    deps,
    stop: async () => {
      outlet = null;
      await opts.boss.offWork(CAD_RUNNER_QUEUE);
    },
  };
}
