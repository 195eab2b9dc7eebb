import type { ColumnType, Generated } from 'kysely';

type NullableTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** Orders: the CXRs a clinic expects to take (migration 0044). */
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
  };
}
