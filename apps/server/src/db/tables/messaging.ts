import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './columns';

/** A nullable timestamp that inserts may leave out. */
type OptionalTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** Clinic channels, study threads, their messages, attachments, read marks and templates. */
export interface MessagingTables {
  message_threads: {
    id: Generated<string>;
    clinic_id: string;
    /** Null for the clinic's channel. */
    study_id: string | null;
    created_at: Generated<Date>;
    last_message_at: OptionalTime;
  };
  messages: {
    id: Generated<string>;
    thread_id: string;
    author_id: string | null;
    author_name: string;
    /** `clinic`, `centre` or `system`. */
    side: string;
    body: string;
    created_at: Generated<Date>;
  };
  message_attachments: {
    id: Generated<string>;
    thread_id: string;
    message_id: ColumnType<string | null, string | null | undefined, string | null>;
    uploader_id: string;
    storage_key: string;
    file_name: string;
    content_type: string;
    size_bytes: number;
    created_at: Generated<Date>;
  };
  message_reads: {
    thread_id: string;
    user_id: string;
    /** `clinic` or `centre`: the reader's side. */
    side: string;
    read_at: Timestamp;
  };
  message_templates: {
    id: Generated<string>;
    title: string;
    body: string;
    position: Generated<number>;
    updated_at: Generated<Date>;
    updated_by: string | null;
  };
}
