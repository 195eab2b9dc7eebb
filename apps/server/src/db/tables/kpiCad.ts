import type { ColumnType } from 'kysely';

type At = ColumnType<Date, Date | string, Date | string>;
type Day = ColumnType<string, string, string>;

/** The CAD calibration facts, their bin counts and the result days awaiting a rebuild (0059). */
export interface KpiCadTables {
  kpi_cad_reads: {
    result_id: string;
    study_id: string;
    product_id: string;
    /** UTC day the result was received (`YYYY-MM-DD`). */
    day: Day;
    received_at: At;
    clinic_id: string;
    programme: string;
    score: number;
    /** The score on 0–1, higher more abnormal whatever the product's direction. */
    normalised: number;
    /** 0–99: bin b holds [b/100, (b+1)/100), bin 99 also holds 1. */
    bin: number;
    /** The study's latest released report; null while unread. */
    report_id: string | null;
    abnormal: boolean | null;
  };
  kpi_cad_bins: {
    day: Day;
    product_id: string;
    programme: string;
    clinic_id: string;
    bin: number;
    abnormal: number;
    normal: number;
    unread: number;
  };
  kpi_cad_stale_days: {
    day: Day;
    marked_at: ColumnType<Date, Date | string | undefined, Date | string>;
  };
}
