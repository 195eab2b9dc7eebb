import type { ColumnType } from 'kysely';

/** A timestamp column: read as a Date, written as a Date or an ISO string. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A json/jsonb column: read as parsed, written as its JSON text. */
export type Json<T> = ColumnType<T, string, string>;
