import type { ColumnType, Generated } from 'kysely';

type DateOnly = ColumnType<string, string, string>;

/** The teaching file: flags, sessions, their de-identified cases and objects (migration 0037). */
export interface TeachingTables {
  teaching_flags: {
    id: Generated<string>;
    study_id: string;
    clinic_id: string;
    flagged_by: string;
    note: Generated<string>;
    flagged_at: Generated<Date>;
  };
  teaching_sessions: {
    id: Generated<string>;
    title: string;
    held_on: DateOnly;
    created_by: string;
    created_at: Generated<Date>;
  };
  teaching_cases: {
    id: Generated<string>;
    session_id: string;
    flag_id: string;
    position: number;
    note: Generated<string>;
    study_uid: string;
    withheld_burned_in: Generated<number>;
  };
  teaching_instances: {
    id: Generated<string>;
    case_id: string;
    series_uid: string;
    sop_uid: string;
    transfer_syntax_uid: string;
    storage_key: string;
    size_bytes: number;
    rows: number | null;
    columns: number | null;
    bits_allocated: number | null;
    number_of_frames: Generated<number>;
    series_number: number | null;
    instance_number: number | null;
    metadata: ColumnType<Record<string, unknown>, string, string>;
  };
}
