import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp } from './columns';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type At = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** Peer-review programmes, reviews and discrepancy cases (migration 0030). */
export interface PeerReviewTables {
  peer_review_programmes: {
    id: Generated<string>;
    name: string;
    active: Generated<boolean>;
    rule: Json<unknown>;
    created_at: Generated<Date>;
    updated_at: Timestamp;
    updated_by: Nullable<string>;
  };
  peer_reviews: {
    id: Generated<string>;
    programme_id: string;
    report_id: string;
    study_id: string;
    clinic_id: string;
    task_id: string;
    reader_id: string;
    reason: string;
    blind: boolean;
    reviewer_id: Nullable<string>;
    reviewer_impression: Nullable<string>;
    reviewer_abnormal: Nullable<boolean>;
    blind_read_at: At;
    score: Nullable<string>;
    comment: Nullable<string>;
    scored_at: At;
    created_at: Generated<Date>;
  };
  discrepancy_cases: {
    id: Generated<string>;
    peer_review_id: string;
    report_id: string;
    study_id: string;
    clinic_id: string;
    state: Generated<string>;
    opened_at: Generated<Date>;
    consultant_id: Nullable<string>;
    feedback: Nullable<string>;
    addendum_version: Nullable<number>;
    closed_at: At;
  };
}
