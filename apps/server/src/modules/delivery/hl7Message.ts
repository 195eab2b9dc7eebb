import type { ReleasedReport } from './load';
import { LOCAL_SCHEME, personName } from './srContent';
import { signatureText } from './text';

/**
 * The ORU^R01 (HL7 v2.5.1, chapter 7, "Unsolicited transmission of an observation message") of a
 * released report version, as ADR 0019 lays it out: MSH, PID, ORC, OBR, then OBX segments for the
 * coded result, each coded finding, the report text and the impression. Built from the same
 * ReleasedReport as the PDF, the SR and FHIR, so they never disagree. Pure: no I/O.
 */

/** Who the message is from and to, and its control id. */
export interface Hl7Envelope {
  /** MSH-5, MSH-6. */
  receivingApplication: string;
  receivingFacility: string;
  /** MSH-10: the same for every attempt of one delivery, so a receiver can drop a re-send. */
  controlId: string;
  /** MSH-7. */
  at: Date;
}

/** The order a report answers, when the study was matched to one (orders.study_id). */
export interface ResultOrder {
  /** The placer order number: the order's id in the HL7 system that sent it (ORM ORC-2). */
  placerNumber: string | null;
  accessionNumber: string;
  /** The assigning authority of the applicant's ID. */
  issuer: string | null;
}

/** Our sending application (MSH-3). */
export const SENDING_APPLICATION = 'TELERAD';

/** C0 control characters and DEL, which have no place in a field (the segment ends at CR). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/g;

/**
 * Escapes text for one field component (HL7 v2.5.1 §2.7.4): the delimiters become \F\ \S\ \T\
 * \R\ and \E\, line breaks the formatting command \.br\ (FT and TX, §2.7.6), other control
 * characters a space. Without it a "^" or "|" in a name or an impression would shift every field
 * after it at the receiver.
 */
export function hl7Escape(text: string): string {
  return text
    .replace(/\\/g, '\\E\\')
    .replace(/\|/g, '\\F\\')
    .replace(/\^/g, '\\S\\')
    .replace(/&/g, '\\T\\')
    .replace(/~/g, '\\R\\')
    .replace(/\r\n|\r|\n/g, '\\.br\\')
    .replace(CONTROL, ' ');
}

/** Single-line text (ST, names, codes): escaped, line breaks as spaces. */
const line = (text: string | null | undefined) =>
  hl7Escape((text ?? '').replace(/\s*[\r\n]+\s*/g, ' ').trim());

/** Components of one field, escaped, trailing empty ones dropped. */
const comps = (...parts: (string | null | undefined)[]) => {
  const out = parts.map((p) => line(p));
  while (out.length && out.at(-1) === '') out.pop();
  return out.join('^');
};

/** A timestamp as HL7 DTM in UTC: `YYYYMMDDHHMMSS+0000`. */
export function hl7DateTime(at: Date): string {
  return `${at.toISOString().slice(0, 19).replace(/[-:T]/g, '')}+0000`;
}

/** `YYYY-MM-DD` as HL7 DT (`YYYYMMDD`); empty when absent. */
const hl7Date = (d: string | null) => (d ? d.replace(/-/g, '') : '');

/** DICOM sex (M, F, O) as HL7 administrative sex (table 0001); U when unknown. */
export function hl7Sex(sex: string | null): string {
  const s = (sex ?? '').trim().toUpperCase();
  return s === 'M' || s === 'F' || s === 'O' ? s : 'U';
}

/** A DICOM person name (`FAMILY^GIVEN^MIDDLE^PREFIX^SUFFIX`) as XPN (family^given^middle^suffix^prefix). */
function xpn(pn: string | null): string {
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = (pn ?? '')
    .split('=')[0]!
    .split('^');
  return comps(family, given, middle, suffix, prefix);
}

/** A signer's name as XCN components after the id (family^given^middle^suffix^prefix). */
function xcnName(display: string): string[] {
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] =
    personName(display).split('^');
  return [family, given, middle, suffix, prefix];
}

/** XCN of the reader (OBX-16): no id, the name. */
const xcn = (display: string) => comps('', ...xcnName(display));

/** NDL of the reader (OBR-32): its first component is a CNN, whose parts are subcomponents. */
const ndl = (display: string) =>
  ['', ...xcnName(display)]
    .map((p) => line(p))
    .join('&')
    .replace(/&+$/, '');

/** OBR-25 and OBX-11: F for the first release, C (corrected) for an amended version. */
export function resultStatus(version: number): 'F' | 'C' {
  return version > 1 ? 'C' : 'F';
}

/** The report as text for its FT OBX: result, findings with side and zone, and the rest. */
export function reportText(r: ReleasedReport): string {
  const v = r.view;
  const out: string[] = [];
  if (v.result) out.push(`${v.resultLabel}: ${v.result}`);
  if (v.notTaken) out.push(`Chest X-ray not taken: ${v.notTaken}`);
  if (v.classHint) out.push(v.classHint);
  if (v.groups.length)
    for (const g of v.groups) {
      out.push(`${g.label}:`);
      for (const f of g.findings)
        out.push(
          `- ${f.label}${f.location ? ` (${f.location})` : ''}${f.note ? ` — ${f.note}` : ''}`,
        );
    }
  else out.push('No findings recorded.');
  if (v.quality) out.push(`Image quality: ${v.quality}`);
  if (v.comparison) out.push(`Comparison: ${v.comparison}`);
  if (v.recommendations.length) out.push(`Recommendations: ${v.recommendations.join('; ')}`);
  if (v.remarks) out.push(`Remarks: ${v.remarks}`);
  if (r.critical) out.push(`Critical result: ${r.critical.label}`);
  if (r.pilot) out.push('Pilot report: a second read is pending.');
  if (r.kind === 'addendum' && r.addendum) out.push(`Addendum: ${r.addendum}`);
  if (r.originalSigner) out.push(`Primary read signed by ${signatureText(r.originalSigner)}`);
  out.push(`Signed by ${signatureText(r.signer)}`);
  return out.join('\n');
}

/**
 * The ORU^R01 of released version `r`, segments separated by carriage returns (§2.5.3). The
 * applicant's identifier carries its issuer as assigning authority (PID-3.4): the order's, else
 * the image's Issuer of Patient ID, else the clinic's code.
 */
export function buildOru(r: ReleasedReport, env: Hl7Envelope, order: ResultOrder | null): string {
  const status = resultStatus(r.version);
  const issuer = order?.issuer || dicomString(r.study.attributes, '00100021') || r.clinic.code;
  const placer = order?.placerNumber ?? '';
  const filler = order?.accessionNumber ?? r.study.accessionNumber ?? '';
  const signedAt = hl7DateTime(r.signer.at);
  const observedAt = studyDateTime(r) ?? signedAt;
  const reader = xcn(r.signer.name);
  const obx: string[] = [];
  const add = (type: string, id: string, subId: string, value: string) =>
    obx.push(
      segment('OBX', {
        1: String(obx.length + 1),
        2: type,
        3: id,
        4: subId,
        5: value,
        11: status,
        14: observedAt,
        16: reader,
        19: signedAt,
      }),
    );
  if (r.view.result)
    add(
      'CWE',
      comps(r.view.formId, `${r.view.resultLabel} (${r.view.formTitle})`, LOCAL_SCHEME),
      '',
      comps(r.content.result, r.view.result, LOCAL_SCHEME, '', '', '', r.view.formVersion),
    );
  r.view.findings.forEach((f, i) =>
    add(
      'CWE',
      comps('121071', 'Finding', 'DCM'),
      String(i + 1),
      comps(f.code, f.label, LOCAL_SCHEME),
    ),
  );
  add('FT', comps('121070', 'Findings', 'DCM'), '', hl7Escape(reportText(r)));
  add('FT', comps('121073', 'Impression', 'DCM'), '', hl7Escape(r.view.impression || 'None given'));
  return [
    segment('MSH', {
      2: '^~\\&',
      3: SENDING_APPLICATION,
      4: line(r.centre?.name),
      5: line(env.receivingApplication),
      6: line(env.receivingFacility),
      7: hl7DateTime(env.at),
      9: 'ORU^R01^ORU_R01',
      10: line(env.controlId),
      11: 'P',
      12: '2.5.1',
      18: 'UNICODE UTF-8',
    }),
    segment('PID', {
      1: '1',
      3: comps(r.study.patientId, '', '', issuer),
      5: xpn(r.study.patientName),
      7: hl7Date(r.study.birthDate),
      8: hl7Sex(r.study.sex),
    }),
    segment('ORC', { 1: 'RE', 2: line(placer), 3: line(filler), 5: 'CM' }),
    segment('OBR', {
      1: '1',
      2: line(placer),
      3: line(filler),
      4: comps(
        '18748-4',
        'Diagnostic imaging study',
        'LN',
        r.view.formId,
        r.view.formTitle,
        LOCAL_SCHEME,
      ),
      7: observedAt,
      22: signedAt,
      24: 'RAD',
      25: status,
      32: ndl(r.signer.name),
    }),
    ...obx,
  ].join('\r');
}

/**
 * One segment from its fields by number (fields not given are empty). MSH counts the field
 * separator itself as MSH-1 (§2.14.9.1), so its field n sits at position n − 1.
 */
function segment(name: string, fields: Record<number, string>): string {
  const offset = name === 'MSH' ? 1 : 0;
  const last = Math.max(...Object.keys(fields).map(Number));
  const out = [name];
  for (let n = 1 + offset; n <= last; n++) out.push(fields[n] ?? '');
  return out.join('|');
}

/** The study's date and time as DTM, when the image gave a date. */
function studyDateTime(r: ReleasedReport): string | null {
  if (!r.study.studyDate) return null;
  const time = (r.study.studyTime ?? '').replace(/[^0-9]/g, '').slice(0, 6);
  return `${r.study.studyDate.replace(/-/g, '')}${time}`;
}

/** A string value of a DICOM JSON attribute (PS3.18 F.2), or null. */
function dicomString(attrs: Record<string, unknown>, tag: string): string | null {
  const v = (attrs[tag] as { Value?: unknown[] } | undefined)?.Value?.[0];
  return typeof v === 'string' && v.trim() ? v.trim() : null;
}
