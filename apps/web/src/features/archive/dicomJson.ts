import { dicomKeyword, formatTag } from './dicomKeywords';

/**
 * The DICOM JSON model (PS3.18 §F.2): a dataset maps `ggggeeee` tags to elements holding a VR and
 * either `Value`, `BulkDataURI` or `InlineBinary`.
 */
export interface DicomJsonElement {
  vr?: string;
  Value?: unknown[];
  BulkDataURI?: string;
  InlineBinary?: string;
}

/** One dataset in the DICOM JSON model. */
export type DicomJsonDataset = Record<string, DicomJsonElement>;

/** One attribute as the tag table shows it; a sequence carries its items' rows. */
export interface TagRow {
  /** Unique within the table: the tag path, e.g. `00540220.0.00080100`. */
  id: string;
  tag: string;
  keyword: string | null;
  vr: string;
  value: string;
  /** True when the value is a description (binary, empty, item count) rather than data. */
  muted: boolean;
  items: TagRow[][] | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first dataset of a WADO-RS metadata answer, or null when the answer is not DICOM JSON. */
export function firstDataset(body: unknown): DicomJsonDataset | null {
  const first: unknown = Array.isArray(body) ? body[0] : body;
  return isRecord(first) ? (first as DicomJsonDataset) : null;
}

/** The byte length of base64 text. */
function base64Bytes(b64: string): number {
  const clean = b64.replace(/\s/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((clean.length * 3) / 4) - padding);
}

/** One value of a PN element: the alphabetic group, with the others after `=` when present. */
function personName(v: unknown): string {
  if (!isRecord(v)) return String(v ?? '');
  return [v.Alphabetic, v.Ideographic, v.Phonetic]
    .map((g) => (typeof g === 'string' ? g : ''))
    .join('=')
    .replace(/=+$/, '');
}

/** One scalar value as text. */
function scalar(vr: string, v: unknown): string {
  if (v === null || v === undefined) return '';
  if (vr === 'PN') return personName(v);
  if (vr === 'AT' && typeof v === 'string' && /^[0-9A-Fa-f]{8}$/.test(v)) return formatTag(v);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** The display value of a non-sequence element: multi-values joined with `\` as in DICOM. */
function elementValue(vr: string, el: DicomJsonElement): { value: string; muted: boolean } {
  if (typeof el.InlineBinary === 'string') {
    return { value: `binary, ${base64Bytes(el.InlineBinary)} bytes`, muted: true };
  }
  if (typeof el.BulkDataURI === 'string') return { value: 'bulk data', muted: true };
  const values = Array.isArray(el.Value) ? el.Value : [];
  if (values.length === 0) return { value: 'empty', muted: true };
  return { value: values.map((v) => scalar(vr, v)).join('\\'), muted: false };
}

/** The rows of a dataset, in tag order; sequence items become nested rows. */
export function toTagRows(dataset: DicomJsonDataset, parentId = ''): TagRow[] {
  return Object.keys(dataset)
    .filter((tag) => /^[0-9A-Fa-f]{8}$/.test(tag))
    .sort()
    .map((tag) => {
      const el = dataset[tag] ?? {};
      const vr = typeof el.vr === 'string' ? el.vr : '??';
      const id = parentId ? `${parentId}.${tag}` : tag;
      const base = { id, tag: tag.toUpperCase(), keyword: dicomKeyword(tag), vr };
      if (vr === 'SQ') {
        const items = (Array.isArray(el.Value) ? el.Value : [])
          .filter(isRecord)
          .map((item, i) => toTagRows(item as DicomJsonDataset, `${id}.${i}`));
        const n = items.length;
        return { ...base, value: `${n} item${n === 1 ? '' : 's'}`, muted: true, items };
      }
      return { ...base, ...elementValue(vr, el), items: null };
    });
}

/** True when a row itself matches the lower-cased query (tag in either form, keyword, VR, value). */
function rowMatches(row: TagRow, q: string): boolean {
  const bare = q.replace(/[(),\s]/g, '');
  return (
    (bare !== '' && row.tag.toLowerCase().includes(bare)) ||
    formatTag(row.tag).toLowerCase().includes(q) ||
    (row.keyword?.toLowerCase().includes(q) ?? false) ||
    row.vr.toLowerCase() === q ||
    (!row.muted && row.value.toLowerCase().includes(q))
  );
}

/**
 * The rows matching `query`. A sequence stays when it or anything inside it matches; inside a
 * sequence that matches by itself everything is kept, else only matching items' rows.
 */
export function filterTagRows(rows: TagRow[], query: string): TagRow[] {
  const q = query.trim().toLowerCase();
  if (!q) return rows;
  const out: TagRow[] = [];
  for (const row of rows) {
    if (rowMatches(row, q)) {
      out.push(row);
      continue;
    }
    if (!row.items) continue;
    const items = row.items.map((item) => filterTagRows(item, q));
    if (items.some((item) => item.length > 0)) out.push({ ...row, items });
  }
  return out;
}
