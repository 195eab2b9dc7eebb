import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { notifyEvent } from '../notifications';
import { ensureDicomDocuments, ensurePdf, type DocumentDeps } from './documents';
import { SOP } from './dicomObjects';
import { cstore } from './dicomSend';
import { deliverHl7, hl7TargetName, hl7Targets } from './hl7Delivery';
import { loadReleasedReport, type ReleasedReport } from './load';
import { postWebhook, releasedEvent } from './webhook';

/** Delivery settings (config: TELERAD_DELIVERY_*, TELERAD_AE_TITLE, TELERAD_PUBLIC_URL). */
export interface DeliverySettings {
  /** Attempts per delivery before it is failed and shown to support. */
  maxAttempts: number;
  /** Wait after the first failed attempt; doubled after each further one. */
  retryBaseSeconds: number;
  /** Longest wait between attempts. */
  retryMaxSeconds: number;
  /** Our calling AE title for C-STORE to clinic PACS. */
  callingAe: string;
  /** Public base URL of this server, for links in webhooks and FHIR. */
  publicUrl: string;
}

/** What running deliveries needs. */
export interface DeliveryDeps extends DocumentDeps {
  settings: DeliverySettings;
}

/** How long an attempt holds its delivery (another process will not start it meanwhile). */
const LEASE_SECONDS = 300;

/** Seconds to wait after `attempts` failed attempts: base·2^(n−1), at most the maximum. */
export function backoffSeconds(s: DeliverySettings, attempts: number): number {
  return Math.min(s.retryMaxSeconds, s.retryBaseSeconds * 2 ** Math.max(0, attempts - 1));
}

/**
 * Creates the deliveries of a released version (idempotent: the same release planned twice
 * makes no second row): the portal PDF; one C-STORE per clinic AE that has a host and port and
 * receives reports; the webhook when the clinic has one; one ORU^R01 per enabled HL7 result
 * destination. Returns the ids of its deliveries.
 */
export async function planDeliveries(deps: DeliveryDeps, r: ReleasedReport): Promise<string[]> {
  const [aes, clinic, hl7] = await Promise.all([
    deps.db
      .selectFrom('clinic_ae_titles')
      .select('ae_title')
      .where('clinic_id', '=', r.clinic.id)
      .where('host', 'is not', null)
      .where('port', 'is not', null)
      .where('receives_reports', '=', true)
      .orderBy('position')
      .execute(),
    deps.db
      .selectFrom('clinics')
      .select(['webhook_url', 'webhook_secret'])
      .where('id', '=', r.clinic.id)
      .executeTakeFirstOrThrow(),
    hl7Targets(deps.db, r.clinic.id),
  ]);
  const targets: { channel: string; target: string }[] = [
    { channel: 'pdf', target: 'portal' },
    ...aes.map((a) => ({ channel: 'dicom', target: a.ae_title })),
  ];
  if (clinic.webhook_url && clinic.webhook_secret)
    targets.push({ channel: 'webhook', target: clinic.webhook_url });
  for (const id of hl7) targets.push({ channel: 'hl7', target: id });
  await deps.db
    .insertInto('deliveries')
    .values(
      targets.map((t) => ({
        report_id: r.reportId,
        version: r.version,
        clinic_id: r.clinic.id,
        channel: t.channel,
        target: t.target,
        max_attempts: deps.settings.maxAttempts,
      })),
    )
    .onConflict((oc) => oc.columns(['report_id', 'version', 'channel', 'target']).doNothing())
    .execute();
  const rows = await deps.db
    .selectFrom('deliveries')
    .select('id')
    .where('report_id', '=', r.reportId)
    .where('version', '=', r.version)
    .orderBy('created_at')
    .execute();
  return rows.map((x) => x.id);
}

/** Takes a due pending delivery for one attempt, or undefined when it is not due or taken. */
async function claim(db: Db, id: string) {
  return db
    .updateTable('deliveries')
    .set({ next_attempt_at: sql<Date>`now() + make_interval(secs => ${LEASE_SECONDS})` })
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .where('next_attempt_at', '<=', sql<Date>`now()`)
    .returningAll()
    .executeTakeFirst();
}

/** One attempt on one channel; throws with a message support can act on. */
async function attempt(
  deps: DeliveryDeps,
  d: NonNullable<Awaited<ReturnType<typeof claim>>>,
): Promise<void> {
  const r = await loadReleasedReport(deps.db, d.report_id, d.version);
  if (!r) throw new Error('the report version is no longer released');
  if (d.channel === 'pdf') {
    await ensurePdf(deps, r);
    return;
  }
  if (d.channel === 'dicom') {
    const ae = await deps.db
      .selectFrom('clinic_ae_titles')
      .select(['ae_title', 'host', 'port', 'receives_reports'])
      .where('clinic_id', '=', d.clinic_id)
      .where('ae_title', '=', d.target)
      .executeTakeFirst();
    if (!ae?.host || !ae.port || !ae.receives_reports)
      throw new Error(
        `AE ${d.target} is no longer registered with a host and port to receive reports`,
      );
    const docs = await ensureDicomDocuments(deps, r);
    const peer = { aeTitle: ae.ae_title, host: ae.host, port: ae.port };
    await deps.storage.withFiles(async (files) =>
      cstore(deps.settings.callingAe, peer, [
        {
          path: await files.pathOf(docs.sr.storageKey),
          sopClassUid: docs.srSopClassUid,
          sopUid: docs.sr.sopInstanceUid!,
        },
        {
          path: await files.pathOf(docs.pdf.storageKey),
          sopClassUid: SOP.encapsulatedPdf,
          sopUid: docs.pdf.sopInstanceUid!,
        },
      ]),
    );
    return;
  }
  if (d.channel === 'webhook') {
    // The clinic's current URL and secret: a corrected URL or a rotated secret applies to retries.
    const c = await deps.db
      .selectFrom('clinics')
      .select(['webhook_url', 'webhook_secret'])
      .where('id', '=', d.clinic_id)
      .executeTakeFirst();
    if (!c?.webhook_url || !c.webhook_secret)
      throw new Error('the clinic no longer has a webhook configured');
    await postWebhook(c.webhook_url, c.webhook_secret, releasedEvent(r, deps.settings.publicUrl));
    return;
  }
  if (d.channel === 'hl7') return deliverHl7(deps.db, d, r);
  throw new Error(`unknown channel ${d.channel}`);
}

/**
 * Runs one attempt of delivery `id` if it is pending and due, and records it: delivered, or
 * failed with the error and the next attempt after exponential backoff, or failed for good once
 * its attempts are spent. Returns the row afterwards (undefined when it was not due or taken).
 */
export async function runDelivery(deps: DeliveryDeps, id: string) {
  const d = await claim(deps.db, id);
  if (!d) return undefined;
  const started = Date.now();
  let error: string | null = null;
  try {
    await attempt(deps, d);
  } catch (e) {
    error = (e as Error).message.slice(0, 1000) || String(e);
  }
  const attempts = d.attempts + 1;
  const log = deps.log.child({ deliveryId: d.id, reportId: d.report_id, channel: d.channel });
  const spent = attempts >= d.max_attempts;
  const after = await deps.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('delivery_attempts')
      .values({
        delivery_id: d.id,
        outcome: error ? 'failed' : 'delivered',
        error,
        duration_ms: Date.now() - started,
      })
      .execute();
    if (!error) log.info({ target: d.target, attempts }, 'report delivered');
    else if (spent) log.error({ target: d.target, attempts, error }, 'report delivery failed');
    else log.warn({ target: d.target, attempts, error }, 'report delivery attempt failed');
    const row = await tx
      .updateTable('deliveries')
      .set({
        attempts,
        state: error ? (spent ? 'failed' : 'pending') : 'delivered',
        last_error: error,
        delivered_at: error ? null : sql<Date>`now()`,
        next_attempt_at: error
          ? sql<Date>`now() + make_interval(secs => ${backoffSeconds(deps.settings, attempts)})`
          : sql<Date>`now()`,
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', d.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    // Told with the failure it announces: committed together, or neither.
    if (row.state === 'failed') await alertSupport(tx, row);
    return row;
  });
  return after;
}

/**
 * Tells technical support (in-app, and by e-mail where configured) that a delivery failed for
 * good, in the transaction that records the failure: once per failure (`delivery.failed`,
 * keyed by the delivery and its attempt count).
 */
async function alertSupport(
  trx: Db,
  d: {
    id: string;
    clinic_id: string;
    channel: string;
    target: string;
    attempts: number;
    last_error: string | null;
  },
): Promise<void> {
  const clinic = await trx
    .selectFrom('clinics')
    .select('code')
    .where('id', '=', d.clinic_id)
    .executeTakeFirst();
  await notifyEvent(trx, {
    kind: 'delivery.failed',
    facts: {
      clinic: clinic?.code ?? 'clinic',
      channel: d.channel,
      target: d.channel === 'hl7' ? await hl7TargetName(trx, d.target) : d.target,
      attempts: d.attempts,
      error: d.last_error ?? 'unknown',
    },
    key: `${d.id}:${d.attempts}`,
    clinicId: d.clinic_id,
  });
}

/** Runs the pending deliveries that are due, oldest first; returns how many were attempted. */
export async function runDueDeliveries(deps: DeliveryDeps, limit = 20): Promise<number> {
  const due = await deps.db
    .selectFrom('deliveries')
    .select('id')
    .where('state', '=', 'pending')
    .where('next_attempt_at', '<=', sql<Date>`now()`)
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
  let n = 0;
  for (const { id } of due) if (await runDelivery(deps, id)) n++;
  return n;
}

/**
 * Handles one `report.released` event: plans the version's deliveries and makes the first
 * attempt of each at once. Returns false when the version is not (or no longer) released.
 */
export async function processRelease(
  deps: DeliveryDeps,
  e: { reportId: string; version: number },
): Promise<boolean> {
  const r = await loadReleasedReport(deps.db, e.reportId, e.version);
  if (!r) return false;
  const ids = await planDeliveries(deps, r);
  for (const id of ids) await runDelivery(deps, id);
  return true;
}

/**
 * A support retry: a failed (or waiting) delivery gets a fresh set of attempts and one attempt
 * now. Returns the row afterwards, or undefined when there is no such delivery.
 */
export async function retryDelivery(deps: DeliveryDeps, id: string) {
  const reset = await deps.db
    .updateTable('deliveries')
    .set({
      state: 'pending',
      max_attempts: sql<number>`attempts + ${deps.settings.maxAttempts}`,
      next_attempt_at: sql<Date>`now()`,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .where('state', 'in', ['pending', 'failed'])
    .returning('id')
    .executeTakeFirst();
  if (!reset) return undefined;
  return runDelivery(deps, id);
}
