import {
  ORDER_CSV_COLUMNS,
  OrderCreate,
  type OrderCsvColumn,
  type OrderImportRow,
} from '@telerad/contracts';
import { parse } from 'csv-parse/sync';
import { appError } from '../../platform/errors';

/** The columns a file must name; the others may be missing or empty (the form's defaults). */
const REQUIRED: readonly OrderCsvColumn[] = ['patient_id', 'family_name', 'birth_date', 'sex'];

/** The body field each column fills, to name the column in a row's errors. */
const FIELD_OF: Record<OrderCsvColumn, string> = {
  accession_number: 'accessionNumber',
  patient_id: 'patientId',
  issuer: 'issuer',
  family_name: 'familyName',
  given_name: 'givenName',
  birth_date: 'birthDate',
  sex: 'sex',
  programme: 'programme',
  views: 'views',
  priority: 'priority',
  note: 'note',
  scheduled_date: 'scheduledDate',
  scheduled_time: 'scheduledTime',
};
const COLUMN_OF = Object.fromEntries(Object.entries(FIELD_OF).map(([c, f]) => [f, c]));

/** One data row of the file: its line, and the body it makes or the errors it has. */
export type CsvOrderRow =
  | { line: number; body: OrderCreate }
  | { line: number; errors: OrderImportRow['errors']; accessionNumber: string | null };

/** A cell's value; an empty cell is absent, so the field takes its default. */
function cellsToInput(cells: Record<string, string>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const column of ORDER_CSV_COLUMNS) {
    const v = cells[column]?.trim();
    if (!v) continue;
    if (column === 'views')
      input.views = v
        .split(/[;|]/)
        .map((s) => s.trim().toUpperCase())
        .filter(Boolean);
    else if (column === 'sex' || column === 'programme') input[FIELD_OF[column]] = v.toUpperCase();
    else if (column === 'priority') input.priority = v.toLowerCase();
    else input[FIELD_OF[column]] = v;
  }
  return input;
}

/**
 * Parses an order list (RFC 4180 CSV, UTF-8 with or without BOM, comma separated) with a header
 * row naming the template's columns in any order. A file that is not CSV, or whose header lacks
 * a required column or names an unknown one, is refused whole (ORDER_CSV_INVALID); every data
 * row then gets its own body or its own errors, by line.
 */
export function parseOrderCsv(csv: string, maxRows: number): CsvOrderRow[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  let header: string[] = [];
  try {
    records = parse(csv, {
      bom: true,
      columns: (h: string[]) => (header = h.map((c) => c.trim().toLowerCase())),
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    });
  } catch (e) {
    throw appError('ORDER_CSV_INVALID', { parser: (e as Error).message });
  }
  const unknown = header.filter((c) => !(ORDER_CSV_COLUMNS as readonly string[]).includes(c));
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (unknown.length || missing.length) throw appError('ORDER_CSV_INVALID', { unknown, missing });
  if (records.length > maxRows)
    throw appError(
      'ORDER_CSV_INVALID',
      { rows: records.length, maxRows },
      `The file has ${records.length} rows; import at most ${maxRows} at a time.`,
    );
  return records.map(({ record, info }) => {
    const parsed = OrderCreate.safeParse(cellsToInput(record));
    if (parsed.success) return { line: info.lines, body: parsed.data };
    return {
      line: info.lines,
      accessionNumber: record.accession_number?.trim() || null,
      errors: parsed.error.issues.map((i) => ({
        field: COLUMN_OF[String(i.path[0])] ?? String(i.path[0] ?? ''),
        message: i.message,
      })),
    };
  });
}
