import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp } from './columns';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type At = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** QC sampling rules and the clinics' reads with their re-reads (migration 0032). */
export interface QcTables {
  qc_rules: {
    id: Generated<string>;
    clinic_id: Nullable<string>;
    sampling: Json<unknown>;
    updated_at: Timestamp;
    updated_by: Nullable<string>;
  };
  clinic_reads: {
    id: Generated<string>;
    study_id: string;
    clinic_id: string;
    source: string;
    reader_name: string;
    submitted_by: Nullable<string>;
    sr_sop_uid: Nullable<string>;
    content: Json<unknown>;
    category: string;
    submitted_at: Timestamp;
    sampled: boolean;
    task_id: Nullable<string>;
    centre_content: ColumnType<unknown, string | null | undefined, string | null>;
    centre_category: Nullable<string>;
    centre_reader_id: Nullable<string>;
    agreement: Nullable<string>;
    reread_at: At;
  };
}
