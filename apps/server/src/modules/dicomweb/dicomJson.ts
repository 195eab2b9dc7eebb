import dcmjs from 'dcmjs';
import type { DicomJson, DicomJsonElement } from '../ingest';

/**
 * The DICOM JSON model (PS3.18 Annex F): building elements from index columns, naming
 * attributes by keyword or tag, and turning the archive's relative bulk data references into
 * absolute WADO-RS URLs.
 */

export type { DicomJson, DicomJsonElement };

/** Media type of DICOM JSON (PS3.18 §8.7.3.5.3). */
export const DICOM_JSON = 'application/dicom+json';

interface DictEntry {
  tag: string;
  vr: string;
  name: string;
}

const nameMap = (
  dcmjs.data.DicomMetaDictionary as unknown as { nameMap: Record<string, DictEntry> }
).nameMap;
const byTag = new Map<string, DictEntry>();
for (const e of Object.values(nameMap)) byTag.set(e.tag.replace(/[(),]/g, '').toUpperCase(), e);

/** An attribute named in a query: its 8-hex-digit tag and VR. */
export interface AttributeRef {
  tag: string;
  vr: string;
}

/**
 * Resolves a keyword (`PatientName`) or tag (`00100010`) to its tag and VR (PS3.18 §8.3.4.1), or
 * null when neither is known. Private and unknown tags given in hex resolve with VR `UN`.
 */
export function attributeRef(name: string): AttributeRef | null {
  if (/^[0-9A-Fa-f]{8}$/.test(name)) {
    const tag = name.toUpperCase();
    return { tag, vr: byTag.get(tag)?.vr ?? 'UN' };
  }
  const e = nameMap[name];
  return e ? { tag: e.tag.replace(/[(),]/g, '').toUpperCase(), vr: e.vr } : null;
}

/** An element with one or more values, or an empty (zero-length) element when all are absent. */
export function el(
  vr: string,
  ...values: (string | number | null | undefined)[]
): DicomJsonElement {
  const v = values.filter((x): x is string | number => x !== null && x !== undefined && x !== '');
  return v.length ? { vr, Value: v } : { vr };
}

/** A PN element from its alphabetic group (the index keeps only that group). */
export function pn(alphabetic: string | null | undefined): DicomJsonElement {
  return alphabetic ? { vr: 'PN', Value: [{ Alphabetic: alphabetic }] } : { vr: 'PN' };
}

/** `YYYY-MM-DD` (the index's date columns) as a DICOM DA value. */
export function da(isoDate: string | null | undefined): DicomJsonElement {
  return el('DA', isoDate ? isoDate.replace(/-/g, '') : null);
}

/** Sorts a dataset's keys in tag order, as PS3.18 §F.2.1 lists them. */
export function sorted(ds: DicomJson): DicomJson {
  const out: DicomJson = {};
  for (const k of Object.keys(ds).sort()) out[k] = ds[k]!;
  return out;
}

/** A copy of `ds` restricted to `tags`. */
export function pick(ds: DicomJson, tags: Iterable<string>): DicomJson {
  const out: DicomJson = {};
  for (const t of tags) {
    const e = ds[t];
    if (e) out[t] = e;
  }
  return out;
}

/**
 * Rewrites the archive's relative `BulkDataURI`s (`bulk/<tag>[/<item>/<tag>...]`, written by
 * ingest) into absolute URLs under the instance's WADO-RS bulkdata resource (PS3.18 §F.2.6,
 * §10.4.1.1.5), in nested sequences too. The stored metadata is never modified.
 */
export function withBulkDataUris(ds: DicomJson, instanceUrl: string): DicomJson {
  const out: DicomJson = {};
  for (const [tag, e] of Object.entries(ds)) {
    if (e.BulkDataURI?.startsWith('bulk/')) {
      out[tag] = { vr: e.vr, BulkDataURI: `${instanceUrl}/bulkdata/${e.BulkDataURI.slice(5)}` };
    } else if (e.vr === 'SQ' && e.Value) {
      out[tag] = {
        vr: 'SQ',
        Value: e.Value.map((item) => withBulkDataUris(item as DicomJson, instanceUrl)),
      };
    } else out[tag] = e;
  }
  return out;
}

/** Follows a bulk data path (`00091010` or `00081111/1/00091010`) through a dataset. */
export function elementAtPath(
  ds: DicomJson,
  path: readonly string[],
): DicomJsonElement | undefined {
  let cur: DicomJson | undefined = ds;
  for (let i = 0; i < path.length; i += 2) {
    const k = path[i]!;
    const e: DicomJsonElement | undefined = cur?.[k.toUpperCase()] ?? cur?.[k.toLowerCase()];
    if (i + 1 >= path.length) return e;
    const item = Number(path[i + 1]);
    cur = e?.Value?.[item - 1] as DicomJson | undefined;
  }
  return undefined;
}
