import type { ColumnType, Generated } from 'kysely';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type At = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** Second-opinion requests, their signed consult notes and the notes' addenda (migration 0033). */
export interface SecondOpinionsTables {
  second_opinions: {
    id: Generated<string>;
    study_id: string;
    clinic_id: string;
    task_id: string;
    requested_by: string;
    asked_by: string;
    question: string;
    urgent: Generated<boolean>;
    state: Generated<string>;
    created_at: Generated<Date>;
    due_at: Date;
    answered_at: At;
    withdrawn_at: At;
  };
  consult_notes: {
    id: Generated<string>;
    second_opinion_id: string;
    text: string;
    signed_by: string;
    signer_name: string;
    signer_credentials: Nullable<string>;
    signed_at: Date;
  };
  consult_note_addenda: {
    id: Generated<string>;
    consult_note_id: string;
    text: string;
    signed_by: string;
    signer_name: string;
    signer_credentials: Nullable<string>;
    signed_at: Date;
  };
}
