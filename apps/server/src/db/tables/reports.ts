import type { ColumnType, Generated } from 'kysely';
import type { Timestamp, Json } from './columns';

/** Reports, their versions, retakes, documents, deliveries and clinic receipts. */
export interface ReportsTables {
  /** Structured reports (migration 0009). */
  reports: {
    id: Generated<string>;
    task_id: string;
    study_id: string;
    clinic_id: string;
    programme: string;
    form_id: string;
    form_version: string;
    state: string;
    content: Json<unknown>;
    annotations: Json<unknown>;
    revision: Generated<number>;
    author_id: string | null;
    signed_by: ColumnType<string | null, string | null | undefined, string | null>;
    signed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
    signer_name: ColumnType<string | null, string | null | undefined, string | null>;
    signer_credentials: ColumnType<string | null, string | null | undefined, string | null>;
    released_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
    current_version: Generated<number>;
    matched_rules: Generated<string[]>;
    /** Released while its clinic was in pilot (migration 0042): marked PILOT everywhere. */
    pilot: Generated<boolean>;
    created_at: Generated<Date>;
    updated_at: Timestamp;
  };
  /** Append-only report versions (migration 0009; a trigger refuses UPDATE and DELETE). */
  report_versions: {
    id: Generated<number>;
    report_id: string;
    version: number;
    kind: string;
    content: Json<unknown>;
    annotations: Json<unknown>;
    addendum: string | null;
    comment: string | null;
    author_id: string | null;
    author_name: string;
    author_credentials: string | null;
    created_at: Generated<Date>;
  };
  /** Documents of a report version in object storage (migration 0010). */
  report_documents: {
    report_id: string;
    version: number;
    kind: string;
    storage_key: string;
    size_bytes: number;
    sop_instance_uid: string | null;
    series_instance_uid: string | null;
    created_at: Generated<Date>;
  };
  /** One report version's delivery on one channel to one target (migration 0010). */
  deliveries: {
    id: Generated<string>;
    report_id: string;
    version: number;
    clinic_id: string;
    channel: string;
    target: string;
    state: Generated<string>;
    attempts: Generated<number>;
    max_attempts: number;
    last_error: ColumnType<string | null, string | null | undefined, string | null>;
    next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
    delivered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
    created_at: Generated<Date>;
    updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  };
  /** A clinic's HL7 v2 result destinations, MLLP listeners of ORU^R01 (migration 0049). */
  clinic_hl7_destinations: {
    id: Generated<string>;
    clinic_id: string;
    host: string;
    port: number;
    /** MSH-5. */
    receiving_application: string;
    /** MSH-6; empty when the receiver names none. */
    receiving_facility: Generated<string>;
    enabled: Generated<boolean>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  /** Every delivery attempt and how it ended (migration 0010). */
  delivery_attempts: {
    id: Generated<string>;
    delivery_id: string;
    at: Generated<Date>;
    outcome: string;
    error: string | null;
    duration_ms: number;
  };
  /** The clinic's first and latest view or download of a report version (migration 0019). */
  report_receipts: {
    report_id: string;
    version: number;
    kind: string;
    clinic_id: string;
    first_at: Generated<Date>;
    first_user_id: string | null;
    first_by: string;
    first_via: string;
    last_at: Timestamp;
    last_user_id: string | null;
    last_by: string;
    last_via: string;
    times: Generated<number>;
  };
}
