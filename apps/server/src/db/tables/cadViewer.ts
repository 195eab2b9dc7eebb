import type { ColumnType, Generated } from 'kysely';

/** The viewer's blind-first step: visibility per programme and preliminary reads (migration 0057). */
export interface CadViewerTables {
  cad_visibility: {
    programme: string;
    visibility: string;
    set_by: string | null;
    set_at: ColumnType<Date, Date | string | undefined, Date | string>;
  };
  cad_preliminary_reads: {
    id: Generated<string>;
    task_id: string;
    study_id: string;
    clinic_id: string;
    reader_id: string;
    choice: string;
    visibility: string;
    cad_result_id: string | null;
    score: number | null;
    band: string | null;
    recorded_at: ColumnType<Date, Date | string | undefined, never>;
  };
}
