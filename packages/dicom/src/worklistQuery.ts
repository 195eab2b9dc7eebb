import type { WorklistEntry } from './worklist';

/**
 * Answering a Modality Worklist C-FIND (PS3.4 Annex K) from `WorklistEntry` values, the same way
 * at the centre and on a clinic's gateway. Identifiers are the DICOM JSON model (PS3.18 F.2): tags
 * of 8 upper-case hex digits to `{ vr, Value }`, so each side converts its DIMSE library's dataset
 * once and this stays pure.
 *
 * Matching follows PS3.4 C.2.2.2: an empty value is universal matching; string values match as a
 * single value, or with `*` and `?` as wild cards (Patient's Name without regard to case, as
 * C.2.2.2.1 allows); dates and times as single values or ranges (`A-B`, `-B`, `A-`); UIDs as a
 * list; a sequence's one item as matching keys for the entry's items. A key the worklist does not
 * hold is answered empty and does not narrow the answer (C.2.2.1.1: the SCP may treat optional
 * keys it does not support as return keys). A step scheduled for no particular station meets any
 * Scheduled Station AE Title, so a unit asking for its own title still sees it.
 */

/** A dataset in the DICOM JSON model. */
export type DicomJson = Record<string, DicomJsonElement>;
export interface DicomJsonElement {
  vr: string;
  Value?: unknown[] | null;
}

/** The tags the worklist answers, by keyword. */
export const WL = {
  specificCharacterSet: '00080005',
  accessionNumber: '00080050',
  modality: '00080060',
  referringPhysician: '00080090',
  patientName: '00100010',
  patientId: '00100020',
  issuerOfPatientId: '00100021',
  patientBirthDate: '00100030',
  patientSex: '00100040',
  studyInstanceUid: '0020000D',
  requestingPhysician: '00321032',
  requestedProcedureDescription: '00321060',
  scheduledStationAeTitle: '00400001',
  spsStartDate: '00400002',
  spsStartTime: '00400003',
  scheduledPerformingPhysician: '00400006',
  spsDescription: '00400007',
  spsId: '00400009',
  scheduledStationName: '00400010',
  spsLocation: '00400011',
  spsStatus: '00400020',
  scheduledProcedureStepSequence: '00400100',
  requestedProcedureId: '00401001',
  requestedProcedurePriority: '00401003',
  requestedProcedureComments: '00401400',
} as const;

/** The worklist's priority words (Requested Procedure Priority, PS3.3 C.4.11 enumerated values). */
const PRIORITY: Record<string, string> = { stat: 'STAT', urgent: 'HIGH', routine: 'ROUTINE' };

/** The text describing a CXR order's procedure: "Chest X-ray PA" or "Chest X-ray PA+LAT". */
export function worklistDescription(e: Pick<WorklistEntry, 'views'>): string {
  return `Chest X-ray ${e.views.join('+') || 'PA'}`;
}

const value = (vr: string, v: string | null | undefined): DicomJsonElement =>
  v === null || v === undefined || v === '' ? { vr } : { vr, Value: [v] };
const personName = (v: string): DicomJsonElement =>
  v ? { vr: 'PN', Value: [{ Alphabetic: v }] } : { vr: 'PN' };
const dicomDate = (iso: string) => iso.replace(/-/g, '');
const dicomTime = (hhmm: string | null) => (hhmm ? `${hhmm.replace(':', '').slice(0, 4)}00` : null);

/** The whole worklist item (patient, requested procedure and its one scheduled step) of an entry. */
export function worklistDataset(e: WorklistEntry): DicomJson {
  const description = worklistDescription(e);
  const step: DicomJson = {
    [WL.scheduledStationAeTitle]: value('AE', e.stationAeTitle),
    [WL.spsStartDate]: value('DA', dicomDate(e.scheduledDate)),
    [WL.spsStartTime]: value('TM', dicomTime(e.scheduledTime)),
    [WL.modality]: value('CS', e.modality),
    [WL.scheduledPerformingPhysician]: { vr: 'PN' },
    [WL.spsDescription]: value('LO', description),
    [WL.spsId]: value('SH', e.accessionNumber),
    [WL.scheduledStationName]: { vr: 'SH' },
    [WL.spsLocation]: { vr: 'SH' },
    [WL.spsStatus]: value('CS', 'SCHEDULED'),
  };
  return {
    [WL.accessionNumber]: value('SH', e.accessionNumber),
    [WL.referringPhysician]: { vr: 'PN' },
    [WL.patientName]: personName(e.patientName),
    [WL.patientId]: value('LO', e.patientId),
    [WL.issuerOfPatientId]: value('LO', e.issuer),
    [WL.patientBirthDate]: value('DA', dicomDate(e.birthDate)),
    [WL.patientSex]: value('CS', e.sex),
    [WL.studyInstanceUid]: value('UI', e.studyInstanceUid),
    [WL.requestingPhysician]: { vr: 'PN' },
    [WL.requestedProcedureDescription]: value('LO', description),
    [WL.scheduledProcedureStepSequence]: { vr: 'SQ', Value: [step] },
    [WL.requestedProcedureId]: value('SH', e.accessionNumber),
    [WL.requestedProcedurePriority]: value('SH', PRIORITY[e.priority] ?? 'ROUTINE'),
    [WL.requestedProcedureComments]: value('LT', e.note),
  };
}

/** The query value of an element as one string ('' when universal). */
function queryText(el: DicomJsonElement): string {
  const v = el.Value?.[0];
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return String((v as { Alphabetic?: unknown }).Alphabetic ?? '');
  return String(v);
}

/** `*` any run, `?` any one character; everything else literal. */
function wildcard(pattern: string, flags: string): RegExp {
  const body = [...pattern]
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, flags);
}

/** Whether `text` lies in the DA or TM range `query` (single value, `A-B`, `-B` or `A-`). */
function inRange(
  text: string,
  query: string,
  pad: (s: string, upper?: boolean) => string,
): boolean {
  const dash = query.indexOf('-');
  if (dash < 0) return pad(text) === pad(query);
  const lo = query.slice(0, dash).trim();
  const hi = query.slice(dash + 1).trim();
  const t = pad(text);
  return (!lo || t >= pad(lo)) && (!hi || t <= pad(hi, true));
}

const padDate = (s: string, _upper?: boolean) => s.replace(/[^0-9]/g, '');
/** HHMMSS.ffffff, with an upper bound's missing parts as their largest value. */
function padTime(s: string, upper = false): string {
  const digits = s.replace(/[^0-9.]/g, '');
  const [hms = '', frac = ''] = digits.split('.');
  const filler = upper ? '995959' : '000000';
  const fullHms = hms + filler.slice(hms.length);
  return `${fullHms}.${frac.padEnd(6, upper && !frac ? '9' : '0')}`;
}

/** Whether one element of the entry meets the query's element (C.2.2.2). */
function elementMatches(q: DicomJsonElement, have: DicomJsonElement | undefined): boolean {
  if (q.vr === 'SQ') return sequenceMatches(q, have);
  const query = queryText(q).trim();
  if (query === '' || query === '*') return true;
  if (!have) return true; // a key the worklist does not hold does not narrow the answer
  if (q.vr === 'UI' || have.vr === 'UI') {
    const wanted = (q.Value ?? []).flatMap((v) => String(v).split('\\'));
    return wanted.includes(queryText(have));
  }
  const text = queryText(have).trim();
  // A step for no particular unit may be taken by any of the clinic's units: X-ray units
  // commonly ask for their own AE title only, and must still see it.
  if (have.vr === 'AE' && text === '') return true;
  if (have.vr === 'DA') return text !== '' && inRange(text, query, padDate);
  // An entry without a start time is scheduled for the whole day: any time range meets it.
  if (have.vr === 'TM') return text === '' || inRange(text, query, padTime);
  const caseless = have.vr === 'PN';
  const values = query.split('\\');
  return values.some((v) => wildcard(v.trim(), caseless ? 'is' : 's').test(text));
}

/** A sequence key: its (first) item's keys must all meet one of the entry's items. */
function sequenceMatches(q: DicomJsonElement, have: DicomJsonElement | undefined): boolean {
  const template = q.Value?.[0] as DicomJson | undefined;
  if (!template || !have) return true;
  const items = (have.Value ?? []) as DicomJson[];
  return items.some((item) => datasetMatches(template, item));
}

/** Whether every matching key of `query` meets `entry` (Specific Character Set is no key). */
function datasetMatches(query: DicomJson, entry: DicomJson): boolean {
  return Object.entries(query).every(
    ([tag, q]) => tag === WL.specificCharacterSet || elementMatches(q, entry[tag]),
  );
}

/** The answer to `query` for one matching entry: each requested key with the entry's value. */
function respond(query: DicomJson, entry: DicomJson): DicomJson {
  const out: DicomJson = {};
  for (const [tag, q] of Object.entries(query)) {
    if (tag === WL.specificCharacterSet) continue;
    const have = entry[tag];
    if (q.vr === 'SQ') {
      const template = q.Value?.[0] as DicomJson | undefined;
      const items = ((have?.Value ?? []) as DicomJson[]).filter(
        (item) => !template || datasetMatches(template, item),
      );
      out[tag] = {
        vr: 'SQ',
        Value:
          template && Object.keys(template).length ? items.map((i) => respond(template, i)) : items,
      };
    } else
      out[tag] = have
        ? { vr: have.vr, ...(have.Value ? { Value: have.Value } : {}) }
        : { vr: q.vr };
  }
  return out;
}

/** Whether any string in the dataset is outside US-ASCII (its answer then says ISO_IR 192). */
function needsUnicode(ds: DicomJson): boolean {
  return Object.values(ds).some((el) =>
    (el.Value ?? []).some((v) =>
      el.vr === 'SQ'
        ? needsUnicode(v as DicomJson)
        : /[^\x20-\x7e]/.test(
            typeof v === 'object' && v ? queryText({ vr: el.vr, Value: [v] }) : String(v),
          ),
    ),
  );
}

/**
 * The C-FIND answers for `query` over `entries`, in the entries' order: one identifier per
 * matching scheduled step, holding the requested keys (and Specific Character Set `ISO_IR 192`
 * when a value needs it). The caller caps their number.
 */
export function answerWorklistQuery(
  query: DicomJson,
  entries: readonly WorklistEntry[],
): DicomJson[] {
  const answers: DicomJson[] = [];
  for (const e of entries) {
    const ds = worklistDataset(e);
    if (!datasetMatches(query, ds)) continue;
    const answer = respond(query, ds);
    if (needsUnicode(answer)) answer[WL.specificCharacterSet] = { vr: 'CS', Value: ['ISO_IR 192'] };
    answers.push(answer);
  }
  return answers;
}

/**
 * The scheduled dates a query asks for, as an inclusive `YYYY-MM-DD` range (either end null when
 * open; both null when it names none): lets a worklist prefilter its entries in its database.
 */
export function worklistDateRange(query: DicomJson): { from: string | null; to: string | null } {
  const step = (query[WL.scheduledProcedureStepSequence]?.Value?.[0] ?? {}) as DicomJson;
  const el = step[WL.spsStartDate];
  const text = el ? queryText(el).trim() : '';
  if (!text) return { from: null, to: null };
  const iso = (d: string) => {
    const x = padDate(d);
    return x.length === 8 ? `${x.slice(0, 4)}-${x.slice(4, 6)}-${x.slice(6, 8)}` : null;
  };
  const dash = text.indexOf('-');
  if (dash < 0) return { from: iso(text), to: iso(text) };
  return { from: iso(text.slice(0, dash)), to: iso(text.slice(dash + 1)) };
}
