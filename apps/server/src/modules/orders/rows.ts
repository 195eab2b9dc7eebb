import type {
  Order,
  OrderMatchMethod,
  OrderModality,
  OrderSex,
  OrderSource,
  OrderStatus,
  OrderView,
} from '@telerad/contracts';
import type { Programme, Priority } from '@telerad/contracts';
import { parsePersonName } from '@telerad/dicom';
import { sql, type Selectable } from 'kysely';
import type { Database } from '../../db/types';

/** One `orders` row as read. */
export type OrderRow = Selectable<Database['orders']>;

/**
 * The Study Instance UID of the study that answers the order aliased `o` (null until matched),
 * selected `as matched_study_uid` beside the row for `toOrder`.
 */
export const matchedStudyUid = (alias = 'o') =>
  sql<
    string | null
  >`(select s.study_uid from studies s where s.id = ${sql.ref(`${alias}.study_id`)})`.as(
    'matched_study_uid',
  );

/**
 * The API form of an order row; the name is split with the one DICOM PN parser. The matched
 * study's UID comes from `matchedStudyUid` beside the row (a row just written has none).
 */
export function toOrder(r: OrderRow & { matched_study_uid?: string | null }): Order {
  const name = parsePersonName(r.patient_name);
  return {
    id: r.id,
    clinicId: r.clinic_id,
    accessionNumber: r.accession_number,
    patientId: r.patient_id,
    issuer: r.issuer,
    patientName: r.patient_name,
    familyName: name.family,
    givenName: name.given,
    birthDate: r.birth_date,
    sex: r.sex as OrderSex,
    programme: r.programme as Programme,
    views: r.views as OrderView[],
    priority: r.priority as Priority,
    note: r.note,
    scheduledDate: r.scheduled_date,
    // pg reads `time` as HH:MM:SS; the form and the CSV speak HH:MM.
    scheduledTime: r.scheduled_time ? r.scheduled_time.slice(0, 5) : null,
    status: r.status as OrderStatus,
    source: r.source as OrderSource,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    cancelledAt: r.cancelled_at ? r.cancelled_at.toISOString() : null,
    cancelReason: r.cancel_reason,
    modality: r.modality as OrderModality,
    stationAeTitle: r.station_ae_title,
    studyInstanceUid: r.study_instance_uid,
    externalId: r.external_id,
    matchedStudyUid: r.matched_study_uid ?? null,
    matchedAt: r.matched_at ? r.matched_at.toISOString() : null,
    matchMethod: r.match_method as OrderMatchMethod | null,
  };
}

/** DICOM PN (PS3.5 §6.2.1) of a family and given name: `FAMILY^Given`, no trailing `^`. */
export function personName(family: string, given: string): string {
  return given ? `${family}^${given}` : family;
}
