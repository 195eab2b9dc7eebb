import type { ColumnType, Generated } from 'kysely';
import type { Timestamp, Json } from './columns';

/** Centres, clinics, their AE titles, users and settings. */
export interface OrganisationTables {
  centres: {
    id: Generated<string>;
    name: string;
    time_zone: string;
    weekly_hours: Json<unknown>;
    exceptions: Json<unknown>;
    /** `pull` or `push` (migration 0008). */
    assignment_mode: Generated<string>;
    created_at: Generated<Date>;
    updated_at: Timestamp;
  };
  clinics: {
    id: Generated<string>;
    code: string;
    name: string;
    country: string;
    time_zone: string;
    home_centre_id: string;
    programmes: string[];
    status: string;
    /** What the clinic was before its suspension, restored when it is lifted (migration 0045). */
    status_before_suspension: ColumnType<string | null, string | null | undefined, string | null>;
    /** The clinic's default language of pages and e-mails: en, fr or es (migration 0027). */
    language: Generated<string>;
    /** Webhook of released reports and its HMAC key (migration 0010). */
    webhook_url: ColumnType<string | null, string | null | undefined, string | null>;
    webhook_secret: ColumnType<string | null, string | null | undefined, string | null>;
    webhook_secret_set_at: ColumnType<
      Date | null,
      Date | string | null | undefined,
      Date | string | null
    >;
    /** none, match or require: whether images are matched to registered orders (migration 0046). */
    order_policy: Generated<string>;
    created_at: Generated<Date>;
    updated_at: Timestamp;
  };
  clinic_ae_titles: {
    ae_title: string;
    clinic_id: string;
    allowed_networks: string[];
    position: number;
    /** Where the AE listens, for C-MOVE; null when it only sends. */
    host: ColumnType<string | null, string | null | undefined, string | null>;
    port: ColumnType<number | null, number | null | undefined, number | null>;
    /** Released reports are sent here by C-STORE when host and port are set (migration 0010). */
    receives_reports: Generated<boolean>;
  };
  users: {
    id: Generated<string>;
    username: string;
    display_name: string;
    email: string | null;
    credentials: string | null;
    roles: string[];
    password_hash: string;
    password_changed_at: Timestamp;
    active: Generated<boolean>;
    failed_logins: Generated<number>;
    locked_until: Date | null;
    mfa_enabled: Generated<boolean>;
    mfa_secret: string | null;
    mfa_pending_secret: string | null;
    mfa_last_step: ColumnType<string | null, number | null, number | null>;
    last_login_at: Date | null;
    /** On shift for push assignment now: the choice while signed in (migrations 0007, 0020). */
    on_shift: Generated<boolean>;
    /** The reader's last on/off-shift choice, resumed at each sign-in (migration 0020). */
    shift_choice: Generated<boolean>;
    /** The user's own language (en, fr, es); null follows the clinic's (migration 0027). */
    language: ColumnType<string | null, string | null | undefined, string | null>;
    /** The centre the user works for; null serves every centre (migration 0008). */
    centre_id: ColumnType<string | null, string | null | undefined, string | null>;
    /** `gateway` for a gateway's service account, null for a person (migration 0040). */
    service: ColumnType<string | null, string | null | undefined, string | null>;
    /** Last push assignment, for round-robin (migration 0008). */
    last_assigned_at: ColumnType<
      Date | null,
      Date | string | null | undefined,
      Date | string | null
    >;
    created_at: Generated<Date>;
    updated_at: Timestamp;
  };
  user_clinics: {
    user_id: string;
    clinic_id: string;
    /** Manages this clinic: receives its daily digest (migration 0028). */
    manager: Generated<boolean>;
  };
  clinic_assistants: { clinic_id: string; user_id: string };
  /** Whom the centre calls at a clinic, in order (migration 0024). */
  clinic_contacts: {
    clinic_id: string;
    position: number;
    name: string;
    role: string;
    phone: string | null;
    email: string | null;
    preferred_hours: string;
  };
  settings: { key: string; value: Json<unknown>; updated_at: Timestamp };
}
