import type { ColumnType, Generated } from 'kysely';
import type { Json } from './columns';

type NullableTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** Clinic edge gateways and their heartbeats (migration 0040). */
export interface GatewaysTables {
  gateways: {
    id: Generated<string>;
    clinic_id: string;
    name: string;
    host_name: string | null;
    version: string | null;
    service_user_id: string | null;
    enrol_code_hash: string | null;
    enrol_code_expires_at: NullableTime;
    enrol_code_used_at: NullableTime;
    created_by: string | null;
    created_at: Generated<Date>;
    enrolled_at: NullableTime;
    revoked_at: NullableTime;
    last_heartbeat_at: NullableTime;
  };
  gateway_heartbeats: {
    id: Generated<number>;
    gateway_id: string;
    clinic_id: string;
    received_at: Generated<Date>;
    version: string;
    queue_depth: number;
    queue_bytes: number;
    oldest_item_at: NullableTime;
    last_success_at: NullableTime;
    free_disk_bytes: number;
    errors: Json<{ at: string; code: string; message: string }[]>;
    error_count: number;
    sent_instances: number;
    sent_bytes: number;
    link_kbps: number | null;
    compression_saved_bytes: number;
  };
}
