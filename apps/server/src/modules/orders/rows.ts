import type { Order, OrderSex, OrderSource, OrderStatus, OrderView } from '@telerad/contracts';
import type { Programme, Priority } from '@telerad/contracts';
import { parsePersonName } from '@telerad/dicom';
import type { Selectable } from 'kysely';
import type { Database } from '../../db/types';

/** One `orders` row as read. */
export type OrderRow = Selectable<Database['orders']>;

/** The API form of an order row; the name is split with the one DICOM PN parser. */
export function toOrder(r: OrderRow): Order {
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
  };
}

/** DICOM PN (PS3.5 §6.2.1) of a family and given name: `FAMILY^Given`, no trailing `^`. */
export function personName(family: string, given: string): string {
  return given ? `${family}^${given}` : family;
}
