import {
  DELIVERY_STATES,
  type Delivery,
  type DeliveryAttempt,
  type DeliveryPage,
  type DeliveryQuery,
} from '@telerad/contracts';
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context';
import { openedByClinic, receiptKey, receiptsOf } from '../receipts';

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
