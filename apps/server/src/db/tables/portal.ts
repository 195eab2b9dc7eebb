import type { ColumnType } from 'kysely';

type NullableDate = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type NullableText = ColumnType<string | null, string | null | undefined, string | null>;

/** What a clinic asks of the reader for a study (migration 0022; owned by the portal module). */
export interface PortalTables {
  study_requests: {
    study_id: string;
    clinic_id: string;
    clinical_note: NullableText;
    note_updated_at: NullableDate;
    note_updated_by: NullableText;
    programme: NullableText;
    programme_set_at: NullableDate;
    programme_set_by: NullableText;
  };
}
