/**
 * DCMTK as a modality worklist SCU, for tests of the centre's and the gateway's worklist SCPs
 * (not imported by production code): query files written with `dump2dcm` from text, in the form
 * DCMTK's own worklist examples use, sent with `findscu -W`, and the responses read back as
 * DICOM JSON.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import dcmjs from 'dcmjs';
import type { DicomJson } from '@telerad/dicom';

/** What a DCMTK command printed and how it exited. */
export interface ToolRun {
  code: number;
  out: string;
}

function tool(cmd: string, args: string[]): Promise<ToolRun> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, out: `${stdout}${stderr}` });
    });
  });
}

/** `iso` moved by `days` (calendar arithmetic on the date alone). */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` → DICOM DA `YYYYMMDD`. */
export const da = (iso: string) => iso.replace(/-/g, '');

/** The matching and return keys of a worklist query (PS3.4 §K.6.1.2); unset keys ask for values. */
export interface WorklistKeys {
  patientName?: string;
  patientId?: string;
  accessionNumber?: string;
  modality?: string;
  stationAeTitle?: string;
  startDate?: string;
  startTime?: string;
}

/**
 * A worklist query as `dump2dcm` text, in the form DCMTK's own worklist examples use
 * (`wlistqry*.dump`): the patient and requested procedure keys, and one Scheduled Procedure Step
 * Sequence item with the step's keys.
 */
export function worklistDump(k: WorklistKeys): string {
  const v = (s: string | undefined) => `[${s ?? ''}]`;
  return [
    `(0008,0050) SH ${v(k.accessionNumber)}`,
    `(0010,0010) PN ${v(k.patientName)}`,
    `(0010,0020) LO ${v(k.patientId)}`,
    '(0010,0021) LO []',
    '(0010,0030) DA []',
    '(0010,0040) CS []',
    '(0020,000d) UI []',
    '(0032,1060) LO []',
    '(0040,0100) SQ',
    '(fffe,e000) -',
    `(0008,0060) CS ${v(k.modality)}`,
    `(0040,0001) AE ${v(k.stationAeTitle)}`,
    `(0040,0002) DA ${v(k.startDate)}`,
    `(0040,0003) TM ${v(k.startTime)}`,
    '(0040,0007) LO []',
    '(0040,0009) SH []',
    '(0040,0020) CS []',
    '(fffe,e00d) -',
    '(fffe,e0dd) -',
    '(0040,1001) SH []',
    '(0040,1003) SH []',
    '',
  ].join('\n');
}

/** What `findscu -W` printed, how it exited, and the responses it extracted (in order). */
export interface WorklistAnswer extends ToolRun {
  answers: DicomJson[];
}

/**
 * Writes the query with `dump2dcm` in `dir` and sends it with `findscu -W` as `callingAe`; the
 * responses are extracted (`-X`) to files and read back with dcmjs.
 */
export async function findWorklist(
  dir: string,
  port: number,
  callingAe: string,
  keys: WorklistKeys,
  calledAe = 'TELERAD',
): Promise<WorklistAnswer> {
  const work = fs.mkdtempSync(path.join(dir, 'wl-'));
  const dump = path.join(work, 'query.dump');
  const query = path.join(work, 'query.wl');
  fs.writeFileSync(dump, worklistDump(keys));
  const made = await tool('dump2dcm', [dump, query]);
  if (made.code !== 0) throw new Error(`dump2dcm failed: ${made.out}`);
  const out = path.join(work, 'rsp');
  fs.mkdirSync(out);
  const r = await tool('findscu', [
    '-W',
    '-v',
    '-X',
    '-od',
    out,
    '-aet',
    callingAe,
    '-aec',
    calledAe,
    '127.0.0.1',
    String(port),
    query,
  ]);
  const answers = fs
    .readdirSync(out)
    .filter((f) => f.startsWith('rsp'))
    .sort()
    .map((f) => {
      const bytes = fs.readFileSync(path.join(out, f));
      const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
      return dcmjs.data.DicomMessage.readFile(ab).dict as DicomJson;
    });
  return { ...r, answers };
}

/** The first value of `tag` in a DICOM JSON dataset (PN: its alphabetic group). */
export function valueOf(ds: DicomJson | undefined, tag: string): string | undefined {
  const v = ds?.[tag]?.Value?.[0];
  if (v === undefined || v === null) return undefined;
  return typeof v === 'object' ? String((v as { Alphabetic?: string }).Alphabetic) : String(v);
}

/** The (first) Scheduled Procedure Step Sequence item of an answer. */
export const stepOf = (ds: DicomJson) => ds['00400100']?.Value?.[0] as DicomJson | undefined;

/** The accession numbers of the answers, sorted. */
export const accessions = (a: WorklistAnswer) =>
  a.answers.map((ds) => valueOf(ds, '00080050') ?? '').sort();
