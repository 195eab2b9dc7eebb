import type { ColumnType, Generated } from 'kysely';

/** In-app notifications and who wants which kind. */
export interface NotificationsTables {
  notifications: {
    id: Generated<string>;
    user_id: string;
    kind: string;
    title: string;
    body: Generated<string>;
    task_id: string | null;
    clinic_id: string | null;
    dedupe_key: string | null;
    link: string | null;
    /** Listed and pushed in the app; false when only e-mailed (migration 0028). */
    in_app: Generated<boolean>;
    created_at: Generated<Date>;
    read_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  };
  notification_preferences: {
    user_id: string;
    kind: string;
    /** `app` or `email` (migration 0028). */
    channel: string;
    enabled: boolean;
    updated_at: Generated<Date>;
  };
  /** Daily digests queued, one per manager and local day (migration 0028). */
  digest_sends: {
    user_id: string;
    local_date: ColumnType<string, string, string>;
    time_zone: string;
    clinic_ids: string[];
    queued_at: Generated<Date>;
  };
}
