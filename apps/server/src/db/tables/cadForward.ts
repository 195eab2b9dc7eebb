import type { Generated } from 'kysely';

/** Forwarding stable chest X-rays to a CAD: targets and per-image sends (migration 0054). */
export interface CadForwardTables {
  cad_forward_targets: {
    integration_id: string;
    protocol: 'dimse' | 'stow';
    ae_title: string | null;
    host: string | null;
    port: number | null;
    url: string | null;
    auth: Generated<'none' | 'bearer' | 'basic'>;
    credential: string | null;
    enabled: Generated<boolean>;
    set_by: string | null;
    updated_at: Generated<Date>;
  };
  cad_forwards: {
    id: Generated<string>;
    integration_id: string;
    study_id: string;
    clinic_id: string;
    sop_instance_uid: string;
    state: Generated<'pending' | 'sent' | 'failed'>;
    attempts: Generated<number>;
    max_attempts: number;
    last_error: string | null;
    next_attempt_at: Generated<Date>;
    sent_at: Date | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
}
