import type { ColumnType } from 'kysely';

type Numeric = ColumnType<
  string | null,
  number | string | null | undefined,
  number | string | null
>;
type At = ColumnType<Date, Date | string, Date | string>;
type NullableAt = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Day = ColumnType<string, string, string>;

/** The KPI dashboard's materialised facts and the days waiting for a rebuild (migration 0031). */
export interface KpiTables {
  kpi_reads: {
    report_id: string;
    study_id: string;
    /** UTC day of the first release (`YYYY-MM-DD`). */
    day: Day;
    released_at: At;
    arrived_at: NullableAt;
    centre_id: string | null;
    clinic_id: string;
    reader_id: string | null;
    programme: string;
    turnaround_minutes: Numeric;
    service_turnaround_minutes: Numeric;
    arrival_weekday: number | null;
    arrival_hour: number | null;
    abnormal: boolean;
    tb_suggestive: boolean;
    received_at: At;
    first_of_study: boolean;
  };
  kpi_daily: {
    day: Day;
    centre_id: string | null;
    clinic_id: string;
    reader_id: string | null;
    programme: string;
    reads: number;
    abnormal: number;
    tb_suggestive: number;
  };
  kpi_turnaround: {
    day: Day;
    centre_id: string | null;
    clinic_id: string;
    reader_id: string | null;
    programme: string;
    /** Turnaround rounded up to the whole minute. */
    minute: number;
    raw: number;
    service: number;
  };
  kpi_arrivals: {
    day: Day;
    centre_id: string | null;
    clinic_id: string;
    weekday: number;
    hour: number;
    reads: number;
    /** Reads with a turnaround, and their summed minutes. */
    timed: number;
    minutes: string;
  };
  kpi_stale_days: {
    day: Day;
    marked_at: ColumnType<Date, Date | string | undefined, Date | string>;
  };
}
