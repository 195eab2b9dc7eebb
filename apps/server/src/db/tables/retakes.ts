import type { ColumnType, Generated } from 'kysely';

type NullableTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** Retake and extra-view requests, and the KPI view over them (migrations 0009, 0025). */
export interface RetakesTables {
  retake_requests: {
    id: Generated<string>;
    /** The signed grade-4 report that asked for it; null when asked from the reading screen. */
    report_id: string | null;
    task_id: string;
    study_id: string;
    clinic_id: string;
    /** `retake` or `extra_view`. */
    kind: Generated<string>;
    /** Reason codes of a retake (QUALITY_REASONS). */
    reasons: string[];
    /** Views of an extra-view request (RETAKE_EXTRA_VIEWS). */
    views: Generated<string[]>;
    note: string | null;
    requested_by: string | null;
    requested_by_name: string;
    requested_at: Generated<Date>;
    fulfilled_at: NullableTime;
    acknowledged_at: NullableTime;
    acknowledged_by: ColumnType<string | null, string | null | undefined, string | null>;
    acknowledged_by_name: ColumnType<string | null, string | null | undefined, string | null>;
    chased_at: NullableTime;
    chase_count: Generated<number>;
  };
  /** Requests per clinic, kind, reason and day beside the studies received that day (0025). */
  retake_rates_daily: {
    clinic_id: string;
    day: Date;
    kind: string;
    reason: string;
    requests: number;
    studies: number;
    /** numeric: pg returns a string; null when no study arrived that day. */
    rate: string | null;
  };
}
