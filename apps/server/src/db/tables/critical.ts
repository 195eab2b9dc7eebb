import type { ColumnType, Generated } from 'kysely';

type NullableTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** Critical results and their alerts (migration 0026). */
export interface CriticalTables {
  critical_results: {
    id: Generated<string>;
    report_id: string;
    study_id: string;
    clinic_id: string;
    centre_id: string | null;
    category: string;
    note: string | null;
    flagged_by: string | null;
    flagged_by_name: string;
    flagged_at: ColumnType<Date, Date | string, Date | string>;
    alerted_at: NullableTime;
    acknowledged_by: ColumnType<string | null, string | null | undefined, string | null>;
    acknowledged_by_name: ColumnType<string | null, string | null | undefined, string | null>;
    acknowledged_at: NullableTime;
    escalation: ColumnType<string, string | undefined, string>;
    escalated_assistants_at: NullableTime;
    escalated_supervisors_at: NullableTime;
  };
}
