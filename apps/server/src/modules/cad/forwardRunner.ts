import fs from 'node:fs/promises';
import { sql } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../platform/db';
import type { ObjectStorage } from '../../platform/storage';
import { backoffSeconds, cstore, stowStore, type DeliverySettings } from '../delivery';
import { notifyEvent } from '../notifications';
import { planCadForwards } from './forwardPlan';
import { loadForwardTarget } from './forwardTargets';

/**
 * Sending planned forwards to a CAD (docs/adr/0040) with the delivery machinery's senders
 * (C-STORE from `dicomSend`, STOW-RS from `stowSend`) and its retry policy (attempts, backoff
 * doubling to a maximum). Each image is sent on its own and recorded as soon as the CAD
 * acknowledged it, so a later attempt never sends again what was acknowledged.
 */

/** What forwarding needs: the database, the stored objects, a log and the delivery settings. */
export interface CadForwardDeps {
  db: Db;
  storage: ObjectStorage;
  log: FastifyBaseLogger;
  settings: DeliverySettings;
}

/** How long an attempt holds its forwards (another process will not start them meanwhile). */
const LEASE_SECONDS = 300;

type ForwardRow = {
  id: string;
  integration_id: string;
  study_id: string;
  clinic_id: string;
  sop_instance_uid: string;
  attempts: number;
  max_attempts: number;
};

/** Takes the due pending forwards of one study to one integration for an attempt. */
async function claim(db: Db, integrationId: string, studyId: string): Promise<ForwardRow[]> {
  return db
    .updateTable('cad_forwards')
    .set({ next_attempt_at: sql<Date>`now() + make_interval(secs => ${LEASE_SECONDS})` })
    .where('integration_id', '=', integrationId)
    .where('study_id', '=', studyId)
    .where('state', '=', 'pending')
    .where('next_attempt_at', '<=', sql<Date>`now()`)
    .returning([
      'id',
      'integration_id',
      'study_id',
      'clinic_id',
      'sop_instance_uid',
      'attempts',
      'max_attempts',
    ])
    .execute();
}

/** The target as people read it: `AE@host:port` or the STOW-RS URL. */
function targetName(t: {
  protocol: string;
  ae_title: string | null;
  host: string | null;
  port: number | null;
  url: string | null;
}): string {
  return t.protocol === 'dimse' ? `${t.ae_title}@${t.host}:${t.port}` : (t.url ?? 'STOW-RS');
}

/** Sends one image to the integration's target as it is now; throws with a message support can act on. */
async function send(deps: CadForwardDeps, f: ForwardRow): Promise<string> {
  const target = await loadForwardTarget(deps.db, f.integration_id);
  if (!target) throw new Error('the CAD integration no longer has a forward target');
  if (!target.enabled) throw new Error('the CAD forward target is disabled');
  const image = await deps.db
    .selectFrom('instances')
    .select(['storage_key', 'sop_class_uid'])
    .where('sop_uid', '=', f.sop_instance_uid)
    .where('study_id', '=', f.study_id)
    .where('current', '=', true)
    .executeTakeFirst();
  if (!image) throw new Error(`image ${f.sop_instance_uid} is no longer stored`);
  await deps.storage.withFiles(async (files) => {
    const path = await files.pathOf(image.storage_key);
    if (target.protocol === 'dimse') {
      await cstore(
        deps.settings.callingAe,
        { aeTitle: target.ae_title!, host: target.host!, port: target.port! },
        [{ path, sopClassUid: image.sop_class_uid, sopUid: f.sop_instance_uid }],
      );
    } else {
      await stowStore(
        { url: target.url!, auth: target.auth, credential: target.credential },
        await fs.readFile(path),
      );
    }
  });
  return targetName(target);
}

/**
 * Tells support that a study's images could not be sent to a CAD after every attempt, in the
 * transaction that records the failure (`cad.forward_failed`): once per study, integration and
 * attempt count, however many of its images failed together.
 */
async function alertSupport(
  trx: Db,
  f: ForwardRow,
  attempts: number,
  error: string,
  target: string,
) {
  const facts = await trx
    .selectFrom('studies as s')
    .innerJoin('clinics as c', 'c.id', 's.clinic_id')
    .innerJoin('cad_integrations as ci', (j) => j.on('ci.id', '=', f.integration_id))
    .select(['c.code', 's.study_uid', 'ci.name'])
    .where('s.id', '=', f.study_id)
    .executeTakeFirst();
  await notifyEvent(trx, {
    kind: 'cad.forward_failed',
    facts: {
      clinic: facts?.code ?? 'clinic',
      integration: facts?.name ?? 'CAD',
      target,
      attempts,
      error,
      studyUid: facts?.study_uid ?? '',
    },
    key: `${f.integration_id}:${f.study_id}:${attempts}`,
    clinicId: f.clinic_id,
  });
}

/** What one run of a study's forwards to one integration did. */
export interface CadForwardRun {
  sent: number;
  failed: number;
  /** Forwards that failed for good in this run (support was told). */
  gaveUp: number;
}

/**
 * One attempt of each due forward of `studyId` to integration `integrationId`: each image is
 * sent on its own and recorded at once, sent or failed with the next attempt after backoff, or
 * failed for good once its attempts are spent (support is told in that transaction).
 */
export async function runCadForwardsOf(
  deps: CadForwardDeps,
  integrationId: string,
  studyId: string,
): Promise<CadForwardRun> {
  const run: CadForwardRun = { sent: 0, failed: 0, gaveUp: 0 };
  const rows = await claim(deps.db, integrationId, studyId);
  for (const f of rows) {
    let error: string | null = null;
    let target = 'CAD';
    try {
      target = await send(deps, f);
    } catch (e) {
      error = (e as Error).message.slice(0, 1000) || String(e);
      const t = await loadForwardTarget(deps.db, integrationId);
      if (t) target = targetName(t);
    }
    const attempts = f.attempts + 1;
    const spent = attempts >= f.max_attempts;
    const log = deps.log.child({ cadForwardId: f.id, integrationId, studyId });
    if (!error) log.info({ sop: f.sop_instance_uid, target, attempts }, 'image forwarded to CAD');
    else if (spent) log.error({ target, attempts, error }, 'forward to CAD failed');
    else log.warn({ target, attempts, error }, 'forward to CAD attempt failed');
    await deps.db.transaction().execute(async (tx) => {
      const row = await tx
        .updateTable('cad_forwards')
        .set({
          attempts,
          state: error ? (spent ? 'failed' : 'pending') : 'sent',
          last_error: error,
          sent_at: error ? null : sql<Date>`now()`,
          next_attempt_at: error
            ? sql<Date>`now() + make_interval(secs => ${backoffSeconds(deps.settings, attempts)})`
            : sql<Date>`now()`,
          updated_at: sql<Date>`now()`,
        })
        .where('id', '=', f.id)
        .returning('state')
        .executeTakeFirstOrThrow();
      // Told with the failure it announces: committed together, or neither.
      if (row.state === 'failed') await alertSupport(tx, f, attempts, error ?? 'unknown', target);
    });
    if (!error) run.sent++;
    else if (spent) run.gaveUp++;
    else run.failed++;
  }
  return run;
}

/**
 * Handles a stable study: records the forwards of its CXR images to each CAD that takes its
 * clinic's studies (`planCadForwards`), then attempts every due one of the study at once.
 */
export async function forwardStableStudy(
  deps: CadForwardDeps,
  studyId: string,
): Promise<CadForwardRun> {
  await planCadForwards(deps.db, studyId, deps.settings.maxAttempts);
  const integrations = await deps.db
    .selectFrom('cad_forwards')
    .select('integration_id')
    .distinct()
    .where('study_id', '=', studyId)
    .where('state', '=', 'pending')
    .execute();
  const total: CadForwardRun = { sent: 0, failed: 0, gaveUp: 0 };
  for (const { integration_id } of integrations) {
    const r = await runCadForwardsOf(deps, integration_id, studyId);
    total.sent += r.sent;
    total.failed += r.failed;
    total.gaveUp += r.gaveUp;
  }
  return total;
}

/** Attempts the due forwards (retries after backoff), oldest first; answers how many studies. */
export async function runDueCadForwards(deps: CadForwardDeps, limit = 20): Promise<number> {
  const due = await deps.db
    .selectFrom('cad_forwards')
    .select(['integration_id', 'study_id', (eb) => eb.fn.min('next_attempt_at').as('due')])
    .where('state', '=', 'pending')
    .where('next_attempt_at', '<=', sql<Date>`now()`)
    .groupBy(['integration_id', 'study_id'])
    .orderBy('due')
    .limit(limit)
    .execute();
  for (const d of due) await runCadForwardsOf(deps, d.integration_id, d.study_id);
  return due.length;
}

/**
 * A support retry: integration `integrationId`'s failed forwards get a fresh set of attempts and
 * one attempt now. Answers how many were retried and what the attempt did.
 */
export async function retryCadForwards(
  deps: CadForwardDeps,
  integrationId: string,
): Promise<CadForwardRun & { retried: number }> {
  const reset = await deps.db
    .updateTable('cad_forwards')
    .set({
      state: 'pending',
      max_attempts: sql<number>`attempts + ${deps.settings.maxAttempts}`,
      next_attempt_at: sql<Date>`now()`,
      updated_at: sql<Date>`now()`,
    })
    .where('integration_id', '=', integrationId)
    .where('state', '=', 'failed')
    .returning('study_id')
    .execute();
  const total = { retried: reset.length, sent: 0, failed: 0, gaveUp: 0 };
  for (const studyId of new Set(reset.map((r) => r.study_id))) {
    const r = await runCadForwardsOf(deps, integrationId, studyId);
    total.sent += r.sent;
    total.failed += r.failed;
    total.gaveUp += r.gaveUp;
  }
  return total;
}
