import type { ColumnType, Generated } from 'kysely';
import type { Json } from './columns';

/** CAD–reader discordance checks, one per signed report with a scored result (migration 0058). */
export interface CadDiscordanceTables {
  cad_discordance_checks: {
    id: Generated<string>;
    report_id: string;
    study_id: string;
    clinic_id: string;
    cad_result_id: string;
    programme: string;
    score: number;
    band: string;
    read_category: string;
    discordance: string | null;
    held_by_rule: string | null;
    reason: string;
    details: Json<Record<string, unknown>>;
    decided_at: ColumnType<Date, Date | string, never>;
  };
}
