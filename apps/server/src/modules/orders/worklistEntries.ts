import type { WorklistEntry } from '@telerad/dicom';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import type { OrderRow } from './rows';

/** A worklist entry with the order it comes from. */
export type OrderWorklistEntry = WorklistEntry & { orderId: string };

/** Days before the clinic's today that a query without dates still sees (yesterday's late list). */
export const WORKLIST_DAYS_BEFORE = 1;
/** Days after the clinic's today that a query without dates sees (the week ahead). */
export const WORKLIST_DAYS_AFTER = 7;
/** Days an open-ended date range (`20260101-` or `-20260131`) reaches from its one bound. */
export const WORKLIST_OPEN_RANGE_DAYS = 31;

/** Which scheduled days to read; dates are the clinic's local `YYYY-MM-DD`. */
export interface WorklistWindow {
  /** First scheduled date, inclusive. */
  from?: string | null;
  /** Last scheduled date, inclusive. */
  to?: string | null;
  /** Most entries read (the caller asks one more than it answers to see that there are more). */
  limit: number;
  /** The instant whose clinic-local date is "today" (default: now). */
  now?: Date;
}

/**
 * A clinic's scheduled orders as modality worklist entries (PS3.4 Annex K), earliest first. The
 * window is the query's Scheduled Procedure Step Start Date range when it gives one: both
 * bounds as given, an open side closed `WORKLIST_OPEN_RANGE_DAYS` from the other. Without one
 * it is yesterday to a week ahead in the clinic's time zone. The date filter runs in SQL on
 * the `orders_clinic_scheduled` index (clinic, date; scheduled orders only); the matching on
 * every other key is the caller's, on the entries returned.
 */
export async function worklistEntries(
  db: Db,
  clinicId: string,
  w: WorklistWindow,
): Promise<OrderWorklistEntry[]> {
  const rows = await worklistEntriesQuery(db, clinicId, w).execute();
  return rows.map(toWorklistEntry);
}

/** The query `worklistEntries` runs (its plan is held to the index by a test). */
export function worklistEntriesQuery(db: Db, clinicId: string, w: WorklistWindow) {
  const now = w.now ?? new Date();
  const today = sql<string>`(select (${now}::timestamptz at time zone c.time_zone)::date
    from clinics c where c.id = ${clinicId})`;
  const from = w.from
    ? sql<string>`${w.from}::date`
    : w.to
      ? sql<string>`${w.to}::date - ${WORKLIST_OPEN_RANGE_DAYS}::int`
      : sql<string>`${today} - ${WORKLIST_DAYS_BEFORE}::int`;
  const to = w.to
    ? sql<string>`${w.to}::date`
    : w.from
      ? sql<string>`${w.from}::date + ${WORKLIST_OPEN_RANGE_DAYS}::int`
      : sql<string>`${today} + ${WORKLIST_DAYS_AFTER}::int`;
  return db
    .selectFrom('orders')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('status', '=', 'scheduled')
    .where(sql<boolean>`scheduled_date between ${from} and ${to}`)
    .orderBy('scheduled_date')
    .orderBy(sql`scheduled_time nulls first`)
    .orderBy('accession_number')
    .limit(w.limit);
}

/** The worklist's view of one order row. */
export function toWorklistEntry(r: OrderRow): OrderWorklistEntry {
  return {
    orderId: r.id,
    accessionNumber: r.accession_number,
    patientId: r.patient_id,
    issuer: r.issuer,
    patientName: r.patient_name,
    birthDate: r.birth_date,
    sex: r.sex,
    modality: r.modality,
    stationAeTitle: r.station_ae_title,
    scheduledDate: r.scheduled_date,
    // pg reads `time` as HH:MM:SS; the entry speaks HH:MM.
    scheduledTime: r.scheduled_time ? r.scheduled_time.slice(0, 5) : null,
    studyInstanceUid: r.study_instance_uid,
    views: r.views,
    priority: r.priority,
    note: r.note,
  };
}
