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
    created_at: Generated<Date>;
    read_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  };
  notification_preferences: {
    user_id: string;
    kind: string;
    enabled: boolean;
    updated_at: Generated<Date>;
  };
}
