import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp } from './columns';

type Time = ColumnType<Date, Date | string, Date | string>;

/** The network monitor's tables (migration 0041). */
export interface MonitorTables {
  inbound_refusals: {
    id: Generated<string>;
    door: string;
    kind: string;
    clinic_id: string | null;
    calling_ae: string;
    remote_address: string;
    user_id: string | null;
    code: string;
    message: string;
    minute: Time;
    first_at: Time;
    last_at: Time;
    count: ColumnType<number, number | undefined, number>;
  };
  clinic_last_received: {
    clinic_id: string;
    door: string;
    received_at: Time;
    study_uid: string;
    calling_ae: string | null;
  };
  clinic_working_hours: {
    clinic_id: string;
    weekly_hours: Json<unknown>;
    updated_at: Timestamp;
  };
  network_alerts: {
    id: Generated<string>;
    clinic_id: string;
    kind: string;
    detail: string;
    raised_at: Time;
    cleared_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  };
}
