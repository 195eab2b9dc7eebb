import {
  ORDER_OVERDUE_RULES,
  UNMATCHED_IMAGE_LOOKBACK_DAYS,
  type DeskItem,
  type OrderMatchOutcome,
} from '@telerad/contracts';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';

/** Most items each list gives the desk; the oldest come first. */
const LIMIT = 500;

/** The assistant's words for why a study found no order. */
const WHY: Record<Exclude<OrderMatchOutcome, 'matched'>, string> = {
  no_order: 'No registered applicant with this ID on this date',
  ambiguous: 'Several registered applicants fit: choose one',
  conflict: 'Its accession number belongs to another applicant',
  unmatched: 'Unmatched from its order by hand',
};

/**
 * The desk's "images without an order" for `clinicIds`: studies of clinics that register their
 * applicants (policy match or require), received in the last `UNMATCHED_IMAGE_LOOKBACK_DAYS`,
 * whose latest match attempt did not match and which answer no order. A study of a clinic that
 * holds such images, without a primary read, is `held` until matched by hand.
 */
export async function listUnmatchedImageDeskItems(
  db: Db,
  opts: { clinicIds: readonly string[]; now: Date },
): Promise<DeskItem[]> {
  if (opts.clinicIds.length === 0) return [];
  const since = new Date(opts.now.getTime() - UNMATCHED_IMAGE_LOOKBACK_DAYS * 86_400_000);
  const { rows } = await sql<{
    study_uid: string;
    clinic_id: string;
    clinic_name: string;
    order_policy: string;
    patient_id: string;
    patient_name: string | null;
    study_date: string | null;
    accession_number: string | null;
    first_received_at: Date;
    outcome: Exclude<OrderMatchOutcome, 'matched'>;
    details: { orderPatientId?: string; candidates?: string[] };
    has_read: boolean;
  }>`
    select s.study_uid, s.clinic_id, c.name as clinic_name, c.order_policy, s.patient_id,
      s.patient_name, s.study_date::text as study_date, s.accession_number, s.first_received_at,
      e.outcome, e.details,
      exists (select 1 from reading_tasks t where t.study_id = s.id and t.type = 'primary_read')
        as has_read
    from studies s
    join clinics c on c.id = s.clinic_id
    join lateral (
      select outcome, details from order_match_events e
      where e.study_id = s.id order by e.at desc, e.id desc limit 1
    ) e on true
    where s.clinic_id = any(${sql.val([...opts.clinicIds])}::uuid[])
      and c.order_policy <> 'none'
      and s.first_received_at >= ${since}
      and e.outcome <> 'matched'
      and not exists (select 1 from orders o where o.study_id = s.id)
    order by s.first_received_at
    limit ${LIMIT}`.execute(db);
  return rows.map((r): DeskItem => {
    const held = r.order_policy === 'require' && !r.has_read;
    const detail = [
      r.accession_number ? `Accession ${r.accession_number}` : 'No accession number',
      r.study_date ? `taken ${r.study_date}` : null,
      r.outcome === 'conflict' && r.details.orderPatientId
        ? `the order is for ID ${r.details.orderPatientId}`
        : null,
      r.outcome === 'ambiguous' && r.details.candidates
        ? `${r.details.candidates.length} orders fit`
        : null,
    ]
      .filter(Boolean)
      .join(' · ');
    return {
      kind: 'unmatched_image',
      id: r.study_uid,
      clinicId: r.clinic_id,
      clinicName: r.clinic_name,
      studyUid: r.study_uid,
      patientId: r.patient_id.trim() === '' ? null : r.patient_id,
      patientName: r.patient_name,
      title: held ? `${WHY[r.outcome]}: held until matched` : WHY[r.outcome],
      detail,
      since: r.first_received_at.toISOString(),
      dueAt: null,
      link: `/studies/${r.study_uid}`,
      held: held ? 'order' : null,
    };
  });
}

/**
 * The desk's "orders without images" for `clinicIds`: scheduled orders past their scheduled
 * time (or, with a date only, the end of that day) in the clinic's zone by more than
 * `ORDER_OVERDUE_RULES.graceMinutes`, scheduled within the last `lookbackDays`. Each has waited
 * since it became overdue.
 */
export async function listOverdueOrderDeskItems(
  db: Db,
  opts: { clinicIds: readonly string[]; now: Date },
): Promise<DeskItem[]> {
  if (opts.clinicIds.length === 0) return [];
  const { graceMinutes, lookbackDays } = ORDER_OVERDUE_RULES;
  const { rows } = await sql<{
    id: string;
    clinic_id: string;
    clinic_name: string;
    patient_id: string;
    patient_name: string;
    accession_number: string;
    scheduled_date: string;
    scheduled_time: string | null;
    views: string[];
    overdue_at: Date;
  }>`
    select * from (
      select o.id, o.clinic_id, c.name as clinic_name, o.patient_id, o.patient_name,
        o.accession_number, o.scheduled_date::text as scheduled_date,
        to_char(o.scheduled_time, 'HH24:MI') as scheduled_time, o.views,
        (case when o.scheduled_time is not null
              then (o.scheduled_date + o.scheduled_time) at time zone c.time_zone
              else (o.scheduled_date + 1)::timestamp at time zone c.time_zone end)
          + make_interval(mins => ${graceMinutes}) as overdue_at
      from orders o
      join clinics c on c.id = o.clinic_id
      where o.status = 'scheduled'
        and o.clinic_id = any(${sql.val([...opts.clinicIds])}::uuid[])
        and o.scheduled_date >= (${opts.now}::timestamptz at time zone c.time_zone)::date
          - ${lookbackDays}::int
    ) x
    where x.overdue_at <= ${opts.now}
    order by x.overdue_at
    limit ${LIMIT}`.execute(db);
  return rows.map((r): DeskItem => ({
    kind: 'overdue_order',
    id: r.id,
    clinicId: r.clinic_id,
    clinicName: r.clinic_name,
    studyUid: null,
    patientId: r.patient_id,
    patientName: r.patient_name,
    title: `No images yet: scheduled ${r.scheduled_date}${r.scheduled_time ? ` ${r.scheduled_time}` : ''}`,
    detail: `Accession ${r.accession_number} · ${r.views.join(', ')}`,
    since: r.overdue_at.toISOString(),
    dueAt: null,
    link: null,
    orderId: r.id,
  }));
}
