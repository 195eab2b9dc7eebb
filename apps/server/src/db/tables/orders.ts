import type { ColumnType, Generated } from 'kysely';

type NullableTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** Orders: the CXRs a clinic expects to take (migrations 0044, 0046). */
export interface OrdersTables {
  orders: {
    id: Generated<string>;
    clinic_id: string;
    /** DICOM SH, unique per clinic. */
    accession_number: string;
    patient_id: string;
    issuer: Generated<string>;
    /** DICOM PN, `FAMILY^Given`. */
    patient_name: string;
    /** `date`, read as `YYYY-MM-DD` (platform/db.ts). */
    birth_date: string;
    sex: string;
    programme: string;
    views: string[];
    priority: string;
    note: Generated<string>;
    /** The clinic's local date. */
    scheduled_date: string;
    /** `time`, read as `HH:MM:SS`. */
    scheduled_time: ColumnType<string | null, string | null | undefined, string | null>;
    status: Generated<string>;
    source: string;
    created_by: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
    cancelled_at: NullableTime;
    cancelled_by: ColumnType<string | null, string | null | undefined, string | null>;
    cancel_reason: ColumnType<string | null, string | null | undefined, string | null>;
    /** CR or DX: what the modality worklist schedules (migration 0046). */
    modality: Generated<string>;
    /** The X-ray unit's AE title that should take it; null: any of the clinic's units. */
    station_ae_title: Nullable<string>;
    /** Given to the X-ray unit by the worklist; unique. */
    study_instance_uid: string;
    /** The order's id in the system it came from (HL7, FHIR, the gateway). */
    external_id: Nullable<string>;
    /** The study that answers it, once matched. */
    study_id: Nullable<string>;
    matched_at: NullableTime;
    matched_by: Nullable<string>;
    match_method: Nullable<string>;
  };
  /** Every attempt to match an arriving study to an order (migration 0046). Append-only. */
  order_match_events: {
    id: Generated<string>;
    study_id: string;
    clinic_id: string;
    order_id: Nullable<string>;
    outcome: string;
    method: Nullable<string>;
    details: ColumnType<unknown, string | undefined, string>;
    actor_id: Nullable<string>;
    at: Generated<Date>;
  };
}
