import type { ColumnType, Generated } from 'kysely';
import type { Timestamp, Json } from './columns';

/** The study index, its flags and identity corrections, and browser uploads. */
export interface ArchiveTables {
  studies: {
    id: Generated<string>;
    study_uid: string;
    clinic_id: string;
    patient_id: string;
    patient_name: string | null;
    patient_name_norm: string | null;
    patient_birth_date: ColumnType<string | null, string | null, string | null>;
    patient_sex: string | null;
    study_date: ColumnType<string | null, string | null, string | null>;
    study_time: string | null;
    accession_number: string | null;
    study_id: string | null;
    study_description: string | null;
    referring_physician: string | null;
    modalities: Generated<string[]>;
    num_series: Generated<number>;
    num_instances: Generated<number>;
    size_bytes: Generated<number>;
    first_received_at: Generated<Date>;
    last_received_at: Timestamp;
    stable_at: Date | null;
    /** Patient- and study-level DICOM JSON of the newest instance (migration 0004, a trigger). */
    attributes: ColumnType<Record<string, unknown>, string | undefined, string>;
  };
  series: {
    id: Generated<string>;
    study_id: string;
    series_uid: string;
    modality: string | null;
    series_number: number | null;
    series_description: string | null;
    body_part: string | null;
    view_position: string | null;
    laterality: string | null;
    num_instances: Generated<number>;
    created_at: Generated<Date>;
    /** Series-level DICOM JSON of the newest instance (migration 0004, a trigger). */
    attributes: ColumnType<Record<string, unknown>, string | undefined, string>;
  };
  instances: {
    id: Generated<string>;
    study_id: string;
    series_id: string;
    sop_uid: string;
    sop_class_uid: string;
    instance_number: number | null;
    transfer_syntax_uid: string;
    rows: number | null;
    columns: number | null;
    bits_allocated: number | null;
    number_of_frames: number | null;
    size_bytes: number;
    sha256: string;
    storage_key: string;
    version: Generated<number>;
    current: Generated<boolean>;
    metadata: Json<Record<string, unknown>>;
    received_at: Generated<Date>;
    /** Where the object came from (its origin; db/migrations/0012): the door, and who sent it. */
    door: string | null;
    calling_ae: string | null;
    user_id: string | null;
    remote_address: string | null;
    request_id: string | null;
  };
  ingest_events: {
    id: Generated<string>;
    at: Generated<Date>;
    study_id: string | null;
    instance_id: string | null;
    study_uid: string | null;
    sop_uid: string | null;
    door: string;
    clinic_id: string | null;
    calling_ae: string | null;
    user_id: string | null;
    remote_address: string | null;
    outcome: string;
    reason: string | null;
    request_id: string | null;
  };
  /** Why a study needs a person (migration 0014); written by ingest_instance. */
  study_flags: {
    study_id: string;
    code: string;
    detail: Generated<string>;
    count: Generated<number>;
    first_at: Generated<Date>;
    last_at: Generated<Date>;
    instance_id: string | null;
  };
  /** A person looked at a study's flags up to reviewed_at (migration 0014). */
  study_flag_reviews: {
    study_id: string;
    reviewed_at: Timestamp;
    reviewed_by: string;
    note: string | null;
  };
  /** The applicant's identity as entered, with the header's as received (migration 0014). */
  patient_identity_corrections: {
    id: Generated<string>;
    study_id: string;
    patient_id: string;
    patient_name: string;
    received_patient_id: string;
    received_patient_name: string | null;
    reason: string | null;
    corrected_by: string;
    corrected_at: Generated<Date>;
  };
  /** Browser uploads (tus) and what ingest did with each (migration 0021). */
  uploads: {
    id: string;
    clinic_id: string;
    user_id: string;
    file_name: string | null;
    size_bytes: ColumnType<string, number | string, number | string>;
    created_at: Generated<Date>;
    outcome: ColumnType<string | null, string | null | undefined, string | null>;
    error_code: ColumnType<string | null, string | null | undefined, string | null>;
    error_message: ColumnType<string | null, string | null | undefined, string | null>;
    study_uid: ColumnType<string | null, string | null | undefined, string | null>;
    sop_uid: ColumnType<string | null, string | null | undefined, string | null>;
    finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  };
}
