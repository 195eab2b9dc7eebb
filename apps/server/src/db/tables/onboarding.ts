import type { ColumnType, Generated } from 'kysely';

type NullableTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** A clinic's onboarding checklist state and training records (migration 0042). */
export interface OnboardingTables {
  onboarding_steps: {
    clinic_id: string;
    step_key: string;
    status: Generated<string>;
    owner_id: Nullable<string>;
    due_on: NullableDate;
    done_on: NullableDate;
    note: Generated<string>;
    ticked_by: Nullable<string>;
    ticked_at: NullableTime;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  onboarding_training: {
    id: Generated<string>;
    clinic_id: string;
    trainee: string;
    trainee_user_id: Nullable<string>;
    topics: string[];
    trained_on: string;
    trainer_id: string;
    note: Generated<string>;
    created_at: Generated<Date>;
  };
}
