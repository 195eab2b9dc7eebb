import {
  DELIVERY_STATES,
  type ClinicWebhook,
  type Delivery,
  type DeliveryAttempt,
  type DeliveryPage,
  type DeliveryQuery,
} from '@telerad/contracts';
import { sql } from 'kysely';
import { writeAudit } from '../../platform/audit';
import type { Actor, ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { assertClinicScope } from '../auth';
import { openedByClinic, receiptKey, receiptsOf } from '../receipts';
import { ensurePdf, readDocument } from './documents';
import { loadReleasedReport, releasedHead, type ReleasedReport } from './load';
import { retryDelivery, type DeliveryDeps } from './runner';
import { newWebhookSecret } from './webhook';

function actorOf(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  return ctx.actor;
}

/**
 * A released report version through the clinic-scope check: the latest released version when
 * `version` is omitted. Anything not released, or outside the caller's clinics, is NOT_FOUND.
 */
export async function scopedReleasedReport(
  ctx: ServiceContext,
  reportId: string,
  version?: number,
): Promise<ReleasedReport> {
  const actor = actorOf(ctx);
  const head = await releasedHead(ctx.db, reportId);
  assertClinicScope(actor, head?.clinicId);
  const r = head && (await loadReleasedReport(ctx.db, reportId, version ?? head.currentVersion));
  if (!r) throw appError('NOT_FOUND', undefined, 'There is no such released report version.');
  return r;
}

/** The PDF of a released version (made and stored on first request), with its file name. */
export async function reportPdf(
  ctx: ServiceContext,
  deps: DeliveryDeps,
  reportId: string,
  version?: number,
): Promise<{ report: ReleasedReport; pdf: Buffer; fileName: string }> {
  const report = await scopedReleasedReport(ctx, reportId, version);
  const doc = await ensurePdf(deps, report);
  return { report, pdf: await readDocument(deps.storage, doc), fileName: pdfFileName(report) };
}

/**
 * `<clinic>-<patientId>-<study date>-report.pdf` (`-v2` and on for amended versions): the name
 * a clinic files it under. The study date, else the release date, so two reads of one patient
 * do not overwrite each other in a downloads folder. Unsafe characters stay in; the header
 * (`contentDisposition`) makes its ASCII fallback.
 */
export function pdfFileName(report: ReleasedReport): string {
  const date = report.study.studyDate ?? report.releasedAt.toISOString().slice(0, 10);
  const version = report.version > 1 ? `-v${report.version}` : '';
  return `${report.clinic.code}-${report.study.patientId}-${date}-report${version}.pdf`;
}

/**
 * A Content-Disposition value (RFC 6266): `filename` is an ASCII-only fallback (anything else,
 * and quotes or path separators, become `_`), `filename*` the full UTF-8 name (RFC 8187), which
 * browsers prefer when they understand it.
 */
export function contentDisposition(type: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120);
  const utf8 = encodeURIComponent(fileName.replace(/[\\/"]/g, '_')).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

const STATE_ORDER = sql<number>`case deliveries.state when 'failed' then 0 when 'pending' then 1 else 2 end`;

/** The portal channel: the report on the clinic's Reports page (stored as its PDF). */
const PORTAL = 'pdf';

/** Has the clinic opened the version this delivery row carries? */
const OPENED = openedByClinic(sql.ref('deliveries.report_id'), sql.ref('deliveries.version'));

/**
 * One clinic's page of deliveries, bounded: the page can only hold, of each state, that state's
 * newest `offset + limit`, which the `deliveries_clinic` index (migration 0043) reads directly.
 * Without it the list sorted every delivery the clinic ever had (460 ms cold for 10,000).
 */
function latestOfEachState(clinicId: string, q: { limit: number; offset: number }) {
  const top = DELIVERY_STATES.map(
    (state) => sql`(select id from deliveries where clinic_id = ${clinicId} and state = ${state}
                    order by updated_at desc, id limit ${q.limit + q.offset})`,
  );
  return sql<boolean>`deliveries.id in (${sql.join(top, sql` union all `)})`;
}

/**
 * Support's list of deliveries: failed first, then waiting, then delivered; newest first. With
 * `opened`, portal deliveries of released versions only, by whether the clinic opened them; the
 * unopened come oldest first, as the longest unread is the first to chase.
 */
export async function listDeliveries(ctx: ServiceContext, q: DeliveryQuery): Promise<DeliveryPage> {
  let base = ctx.db
    .selectFrom('deliveries')
    .innerJoin('clinics', 'clinics.id', 'deliveries.clinic_id');
  if (q.state) base = base.where('deliveries.state', '=', q.state);
  if (q.reportId) base = base.where('deliveries.report_id', '=', q.reportId);
  if (q.clinicId) base = base.where('deliveries.clinic_id', '=', q.clinicId);
  if (q.opened)
    base = base
      .where('deliveries.channel', '=', PORTAL)
      .where('deliveries.state', '=', 'delivered')
      .where(q.opened === 'yes' ? OPENED : sql<boolean>`not ${OPENED}`);
  let listed = base
    .leftJoin('reports', 'reports.id', 'deliveries.report_id')
    .leftJoin('studies', 'studies.id', 'reports.study_id')
    .leftJoin('clinic_hl7_destinations as hl7', (j) =>
      j.on(sql<boolean>`deliveries.channel = 'hl7' and hl7.id::text = deliveries.target`),
    )
    .selectAll('deliveries')
    .select([
      'clinics.code as clinic_code',
      'studies.study_uid',
      'studies.patient_name',
      'studies.patient_id',
      'hl7.receiving_application',
      'hl7.receiving_facility',
    ]);
  if (q.clinicId && !q.opened) listed = listed.where(latestOfEachState(q.clinicId, q));
  listed =
    q.opened === 'no'
      ? listed.orderBy('deliveries.delivered_at', 'asc')
      : listed.orderBy(STATE_ORDER).orderBy('deliveries.updated_at', 'desc');
  const [rows, total, counts, portal] = await Promise.all([
    listed.orderBy('deliveries.id').limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('deliveries')
      .$if(q.clinicId !== undefined, (w) => w.where('clinic_id', '=', q.clinicId!))
      .select(['state', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('state')
      .execute(),
    ctx.db
      .selectFrom('deliveries')
      .$if(q.clinicId !== undefined, (w) => w.where('clinic_id', '=', q.clinicId!))
      .select((eb) => [
        eb.fn.countAll<string>().as('delivered'),
        sql<string>`count(*) filter (where ${OPENED})`.as('opened'),
      ])
      .where('channel', '=', PORTAL)
      .where('state', '=', 'delivered')
      .executeTakeFirstOrThrow(),
  ]);
  const receipts = await receiptsOf(
    ctx.db,
    rows
      .filter((r) => r.channel === PORTAL)
      .map((r) => ({ reportId: r.report_id, version: r.version })),
  );
  const attempts = rows.length
    ? await ctx.db
        .selectFrom('delivery_attempts')
        .selectAll()
        .where(
          'delivery_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('id', 'desc')
        .execute()
    : [];
  const count = (s: string) => Number(counts.find((c) => c.state === s)?.n ?? 0);
  return {
    items: rows.map((r): Delivery => ({
      id: r.id,
      reportId: r.report_id,
      version: r.version,
      clinicId: r.clinic_id,
      clinicCode: r.clinic_code,
      studyUid: r.study_uid ?? null,
      patientName: r.patient_name ?? null,
      patientId: r.patient_id ?? null,
      channel: r.channel as Delivery['channel'],
      target: r.target,
      targetLabel: r.receiving_application
        ? `${r.receiving_application}${r.receiving_facility ? ` at ${r.receiving_facility}` : ''}`
        : null,
      state: r.state as Delivery['state'],
      attempts: r.attempts,
      maxAttempts: r.max_attempts,
      lastError: r.last_error,
      nextAttemptAt: r.state === 'pending' ? r.next_attempt_at.toISOString() : null,
      deliveredAt: r.delivered_at?.toISOString() ?? null,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
      recentAttempts: attempts
        .filter((a) => a.delivery_id === r.id)
        .slice(0, 10)
        .map((a): DeliveryAttempt => ({
          at: a.at.toISOString(),
          outcome: a.outcome as DeliveryAttempt['outcome'],
          error: a.error,
          durationMs: a.duration_ms,
        })),
      clinicReceipt: receipts.get(receiptKey(r.report_id, r.version)) ?? null,
    })),
    total: Number(total.n),
    counts: {
      pending: count('pending'),
      delivered: count('delivered'),
      failed: count('failed'),
      portal: {
        delivered: Number(portal.delivered),
        opened: Number(portal.opened),
        notOpened: Number(portal.delivered) - Number(portal.opened),
      },
    },
  };
}

/** Retries one delivery now (support), audited; returns its row as the list shows it. */
export async function retryDeliveryNow(
  ctx: ServiceContext,
  deps: DeliveryDeps,
  id: string,
): Promise<Delivery> {
  actorOf(ctx);
  const before = await ctx.db
    .selectFrom('deliveries')
    .select(['state', 'clinic_id', 'report_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!before) throw appError('NOT_FOUND');
  if (before.state === 'delivered') throw appError('DELIVERY_NOT_RETRYABLE');
  await writeAudit(ctx, {
    action: 'delivery.retry',
    outcome: 'success',
    resourceType: 'delivery',
    resourceId: id,
    clinicId: before.clinic_id,
    details: { reportId: before.report_id, stateBefore: before.state },
  });
  await retryDelivery(deps, id);
  const page = await listDeliveriesById(ctx, id);
  return page;
}

async function listDeliveriesById(ctx: ServiceContext, id: string): Promise<Delivery> {
  const row = await ctx.db
    .selectFrom('deliveries')
    .select('report_id')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const page = await listDeliveries(ctx, { reportId: row.report_id, limit: 500, offset: 0 });
  return page.items.find((d) => d.id === id)!;
}

/** A clinic's webhook settings (admin); never the secret. */
export async function getClinicWebhook(
  ctx: ServiceContext,
  clinicId: string,
): Promise<ClinicWebhook> {
  assertClinicScope(actorOf(ctx), clinicId);
  const c = await ctx.db
    .selectFrom('clinics')
    .select(['webhook_url', 'webhook_secret', 'webhook_secret_set_at'])
    .where('id', '=', clinicId)
    .executeTakeFirst();
  if (!c) throw appError('NOT_FOUND');
  return {
    url: c.webhook_url,
    secretSet: c.webhook_secret !== null,
    secretSetAt: c.webhook_secret_set_at?.toISOString() ?? null,
  };
}

/**
 * Sets or clears a clinic's webhook URL, audited. The first URL gets a secret generated here,
 * returned this once; clearing the URL keeps the secret for when a URL is set again.
 */
export async function setClinicWebhook(
  ctx: ServiceContext,
  clinicId: string,
  url: string | null,
): Promise<ClinicWebhook> {
  const before = await getClinicWebhook(ctx, clinicId);
  const secret = url && !before.secretSet ? newWebhookSecret() : undefined;
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('clinics')
      .set({
        webhook_url: url,
        ...(secret ? { webhook_secret: secret, webhook_secret_set_at: sql<Date>`now()` } : {}),
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', clinicId)
      .execute();
    await writeAudit(
      { ...ctx, db: tx },
      {
        action: 'clinic.webhook.update',
        outcome: 'success',
        resourceType: 'clinic',
        resourceId: clinicId,
        clinicId,
        details: { url, secretGenerated: Boolean(secret) },
      },
    );
  });
  return { ...(await getClinicWebhook(ctx, clinicId)), ...(secret ? { secret } : {}) };
}

/** Generates a new webhook secret (the old one stops working at once), shown this once. */
export async function rotateWebhookSecret(
  ctx: ServiceContext,
  clinicId: string,
): Promise<ClinicWebhook> {
  await getClinicWebhook(ctx, clinicId);
  const secret = newWebhookSecret();
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('clinics')
      .set({ webhook_secret: secret, webhook_secret_set_at: sql<Date>`now()` })
      .where('id', '=', clinicId)
      .execute();
    await writeAudit(
      { ...ctx, db: tx },
      {
        action: 'clinic.webhook.rotate',
        outcome: 'success',
        resourceType: 'clinic',
        resourceId: clinicId,
        clinicId,
      },
    );
  });
  return { ...(await getClinicWebhook(ctx, clinicId)), secret };
}
