import type { ColumnType, Generated } from 'kysely';

type NullableTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateOnly = ColumnType<string, string, string>;

/** SOP documents, their versions, uploaded PDFs and acknowledgements (migration 0035). */
export interface SopsTables {
  sop_documents: {
    id: Generated<string>;
    /** bigint: pg returns a string. */
    ref: ColumnType<string, never, never>;
    title: string;
    owner_id: string;
    created_by: string;
    created_at: Generated<Date>;
  };
  sop_files: {
    id: Generated<string>;
    storage_key: string;
    file_name: string;
    /** bigint: pg returns a string. */
    size_bytes: ColumnType<string, number, number>;
    uploaded_by: string;
    uploaded_at: Generated<Date>;
  };
  sop_versions: {
    id: Generated<string>;
    document_id: string;
    version: number;
    format: string;
    markdown: Generated<string>;
    file_id: string | null;
    effective_on: DateOnly;
    review_due_on: DateOnly;
    roles: string[];
    change_note: Generated<string>;
    published_by: string;
    published_at: Generated<Date>;
    superseded_at: NullableTime;
    review_reminded_at: NullableTime;
  };
  sop_acknowledgements: {
    version_id: string;
    user_id: string;
    opened_at: Generated<Date>;
    acknowledged_at: NullableTime;
  };
}
