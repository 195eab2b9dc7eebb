import type { ColumnType, Generated } from 'kysely';

/** HL7 v2 senders of each clinic's orders (migration 0048). */
export interface Hl7Tables {
  clinic_hl7_senders: {
    id: Generated<string>;
    clinic_id: string;
    /** MSH-3, the sending application's namespace id. */
    sending_application: string;
    /** MSH-4, the sending facility's namespace id ('' when the sender leaves it empty). */
    sending_facility: string;
    /** `cidr[]`: addresses the sender may connect from; empty: any. */
    allowed_networks: ColumnType<string[], string[] | undefined, string[]>;
    position: number;
    created_at: Generated<Date>;
  };
}
