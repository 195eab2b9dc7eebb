import type { Generated } from 'kysely';
import type { Timestamp, Json } from './columns';

/** Sign-in, sessions, API tokens and the audit trail. */
export interface AccessTables {
  mfa_recovery_codes: {
    id: Generated<string>;
    user_id: string;
    code_hash: string;
    used_at: Date | null;
  };
  /** Password verifications per address and username in the current window (auth). */
  password_attempt_windows: {
    key_hash: string;
    window_start: Date;
    attempts: number;
  };
  sessions: {
    id_hash: string;
    user_id: string;
    stage: string;
    csrf_token: string;
    ip: string | null;
    user_agent: string | null;
    created_at: Generated<Date>;
    last_seen_at: Timestamp;
    expires_at: Date;
  };
  api_tokens: {
    id: Generated<string>;
    user_id: string;
    name: string;
    prefix: string;
    secret_hash: string;
    created_at: Generated<Date>;
    expires_at: Date | null;
    last_used_at: Date | null;
    revoked_at: Date | null;
  };
  audit_events: {
    id: Generated<string>;
    at: Generated<Date>;
    actor_id: string | null;
    actor_name: string | null;
    action: string;
    resource_type: string | null;
    resource_id: string | null;
    clinic_id: string | null;
    outcome: string;
    ip: string | null;
    request_id: string | null;
    details: Json<Record<string, unknown>>;
  };
}
