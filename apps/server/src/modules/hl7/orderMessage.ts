import type { Hl7Message } from '@medplum/core';
import {
  OrderCreate,
  PROGRAMMES,
  type OrderView,
  type Priority,
  type Programme,
} from '@telerad/contracts';
import { parseHl7DateTime, text } from './fields';
import { contentError, HL7_ERROR_CODES as E, type Hl7Location } from './problems';
import {
  accessionOf,
  at,
  firstOf,
  groupsOf,
  placed,
  type Group,
  type Placed,
} from './orderSegments';
import { scheduledInZone } from './schedule';

/**
 * What an ORM^O01 or OMI^O23 asks for (HL7 v2.5 §4.4.1 ORM, v2.5.1 §4.4.7 OMI; IHE RAD SWF for
 * where radiology systems put the accession number): one request per ORC group.
 *
 * Where each order field is read, first non-empty wins (docs/adr/0039):
 * - applicant: PID-3 (first repetition: ID, and its assigning authority as the issuer), PID-5
 *   (family^given), PID-7 (birth date), PID-8 (M, F; anything else is O);
 * - placer order number (the order's external id): ORC-2, OBR-2;
 * - accession number: IPC-1, OBR-18 (IHE), OBR-3, ORC-3; none: the server makes one;
 * - priority: TQ1-9, OBR-27.6, ORC-7.6 (S: stat, A: urgent, others routine);
 * - scheduled date and time: TQ1-7, OBR-27.4, OBR-7, ORC-9; with a UTC offset it is converted
 *   to the clinic's zone, without one it is the clinic's wall clock; none: today;
 * - procedure OBR-4: the views named in its code or text (PA, AP, LAT), and the programme when
 *   its code is `CXR-<programme>` (`CXR-US`); otherwise the clinic's first programme;
 * - modality: OBR-24 when it is CR or DX;
 * - note: the group's NTE-3 lines.
 */
export interface Hl7OrderRequest {
  /** ORC-1: NW (new order) or CA (cancel). */
  control: 'NW' | 'CA';
  /** The placer order number: the order's id in the sending system. */
  placerNumber: string;
  /** The order as Telerad registers it (NW only; a CA needs only the placer number). */
  order: OrderCreate | null;
  /** The group's ORC, for locations in the acknowledgement. */
  orc: Hl7Location;
  /** The group's OBR (procedure and programme). */
  obr: Hl7Location | null;
  /** Where the accession number was read (null: none sent, the server makes one). */
  accessionAt: Hl7Location | null;
}

/** The message types taken: MSH-9 message code and trigger event. */
export const ORDER_MESSAGE_TYPES = ['ORM^O01', 'OMI^O23'] as const;

const PRIORITY: Record<string, Priority> = { S: 'stat', A: 'urgent' };

/** The views a procedure's code and text name; none named: PA, the screening view. */
export function viewsOf(procedure: string): OrderView[] {
  const words = procedure.toUpperCase().split(/[^A-Z]+/);
  const views: OrderView[] = [];
  if (words.includes('PA')) views.push('PA');
  if (words.includes('AP')) views.push('AP');
  if (words.includes('LAT') || words.includes('LATERAL')) views.push('LAT');
  return views.length ? views : ['PA'];
}

/** The programme a procedure code names (`CXR-US`), null when it names none. */
function programmeOf(code: string, where: Hl7Location): Programme | null {
  const m = /^CXR-(.+)$/i.exec(code);
  if (!m) return null;
  const p = m[1]!.toUpperCase();
  if (!(PROGRAMMES as readonly string[]).includes(p))
    throw contentError(
      E.tableValueNotFound,
      where,
      `OBR-4 names the programme "${p}", which is not one of ${PROGRAMMES.join(', ')}.`,
      'PROGRAMME_NOT_SERVED',
    );
  return p as Programme;
}

/** Where each order field is read, for the acknowledgement of a field the contract refuses. */
type Places = Partial<Record<keyof OrderCreate, Hl7Location>>;

/**
 * Reads the order requests of a parsed ORM^O01 or OMI^O23 for a clinic in `timeZone`. Throws
 * an AE problem (`Hl7ProblemError`) at the first missing or malformed segment or field.
 */
export function readOrderMessage(message: Hl7Message, timeZone: string): Hl7OrderRequest[] {
  const segments = placed(message);
  const pid = segments.find((p) => p.seg.name === 'PID');
  const groups = groupsOf(segments);
  if (!groups.length)
    throw contentError(
      E.segmentSequence,
      { segment: 'ORC', sequence: 1 },
      'The message has no ORC segment: each order is an ORC followed by its OBR.',
    );
  return groups.map((g) => readGroup(message, pid, g, timeZone));
}

function readGroup(
  m: Hl7Message,
  pid: Placed | undefined,
  g: Group,
  timeZone: string,
): Hl7OrderRequest {
  const control = text(m, g.orc.seg, 1);
  if (control !== 'NW' && control !== 'CA')
    throw contentError(
      control ? E.tableValueNotFound : E.requiredFieldMissing,
      at(g.orc, 1),
      control
        ? `ORC-1 is "${control}": only NW (new order) and CA (cancel) are taken.`
        : 'ORC-1 (order control) is empty: send NW for a new order or CA to cancel one.',
    );
  const placer = firstOf(m, [
    [g.orc, 2, 1],
    [g.obr, 2, 1],
  ]);
  if (!placer)
    throw contentError(
      E.requiredFieldMissing,
      at(g.orc, 2),
      'ORC-2 and OBR-2 (placer order number) are empty: the order needs its number in the sending system.',
    );
  if (placer.value.length > 200)
    throw contentError(
      E.dataTypeError,
      placer.where,
      'The placer order number is over 200 characters.',
    );
  const base = {
    control,
    placerNumber: placer.value,
    orc: g.orc.at,
    obr: g.obr?.at ?? null,
    accessionAt: accessionOf(m, g)?.where ?? null,
  } as const;
  if (control === 'CA') return { ...base, order: null };
  if (!g.obr)
    throw contentError(
      E.segmentSequence,
      { segment: 'OBR', sequence: 1 },
      'The order has no OBR segment after its ORC: the procedure requested is missing.',
    );
  return { ...base, order: readOrder(m, pid, g, g.obr, timeZone) };
}

function readOrder(
  m: Hl7Message,
  pid: Placed | undefined,
  g: Group,
  obr: Placed,
  timeZone: string,
): OrderCreate {
  if (!pid)
    throw contentError(
      E.segmentSequence,
      { segment: 'PID', sequence: 1 },
      'The message has no PID segment: the applicant is missing.',
    );
  const places: Places = {};
  const required = (field: number, what: string) => {
    const value = text(m, pid.seg, field);
    if (!value)
      throw contentError(
        E.requiredFieldMissing,
        at(pid, field),
        `PID-${field} (${what}) is empty.`,
      );
    return value;
  };
  const patientId = required(3, 'applicant ID');
  places.patientId = at(pid, 3);
  places.issuer = at(pid, 3, 4);
  const issuer = text(m, pid.seg, 3, 4) || '';
  const familyName = required(5, 'family name');
  places.familyName = at(pid, 5, 1);
  places.givenName = at(pid, 5, 2);
  const birth = parseHl7DateTime(required(7, 'birth date'));
  if (!birth?.date)
    throw contentError(
      E.dataTypeError,
      at(pid, 7),
      'PID-7 (birth date) is not a date written YYYYMMDD.',
    );
  const sexCode = text(m, pid.seg, 8).toUpperCase();
  const sex = sexCode === 'M' || sexCode === 'F' ? sexCode : 'O';

  const accession = accessionOf(m, g);
  if (accession) places.accessionNumber = accession.where;

  const code = text(m, obr.seg, 4, 1);
  const procedure = `${code} ${text(m, obr.seg, 4, 2)}`;
  const programme = programmeOf(code, at(obr, 4, 1));
  places.programme = at(obr, 4, 1);

  const prio = firstOf(m, [
    [g.tq1, 9, 1],
    [obr, 27, 6],
    [g.orc, 7, 6],
  ]);
  const when = firstOf(m, [
    [g.tq1, 7, 1],
    [obr, 27, 4],
    [obr, 7, 1],
    [g.orc, 9, 1],
  ]);
  let scheduledDate: string | null = null;
  let scheduledTime: string | null = null;
  if (when) {
    const dt = parseHl7DateTime(when.value);
    if (!dt?.date)
      throw contentError(
        E.dataTypeError,
        when.where,
        `${when.where.segment}-${when.where.field} (scheduled date and time) is not a date and time written YYYYMMDD[HHMM].`,
      );
    ({ date: scheduledDate, time: scheduledTime } = scheduledInZone(dt, timeZone));
    places.scheduledDate = places.scheduledTime = when.where;
  }

  const modality = text(m, obr.seg, 24).toUpperCase();
  const note = g.notes
    .map((n) => text(m, n.seg, 3))
    .filter(Boolean)
    .join('\n');
  if (g.notes[0]) places.note = at(g.notes[0], 3);

  const input: OrderCreate = {
    accessionNumber: accession?.value ?? '',
    patientId,
    issuer,
    familyName,
    givenName: text(m, pid.seg, 5, 2),
    birthDate: birth.date,
    sex,
    programme,
    views: viewsOf(procedure),
    priority: PRIORITY[prio?.value.toUpperCase() ?? ''] ?? 'routine',
    note,
    scheduledDate,
    scheduledTime,
    modality: modality === 'CR' ? 'CR' : 'DX',
  };
  const parsed = OrderCreate.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0]) as keyof OrderCreate;
    throw contentError(
      E.dataTypeError,
      places[field] ?? null,
      `${places[field] ? `${places[field].segment}-${places[field].field}: ` : ''}${issue.message}.`,
    );
  }
  return input;
}
