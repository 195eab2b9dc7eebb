import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { newUid } from '@telerad/dicom';

/**
 * Objects as real devices send them, built by DCMTK's `dump2dcm` from text dumps (not by our
 * own writer, so the bytes are another toolkit's): a Japanese CR whose names use ISO 2022
 * IR 87 escapes, a CT localizer without the image plane, files without Patient ID or Pixel
 * Data, and the refusals (a UID with other characters than digits and dots, one too long).
 */
export type RealWorldName =
  | 'japanese-cr'
  | 'ct-localizer'
  | 'no-patient-id'
  | 'no-pixel-data'
  | 'uid-percent-encoded'
  | 'uid-too-long';

/** One written object and the UIDs it carries (as written, even when invalid). */
export interface RealWorldFile {
  path: string;
  sopClassUid: string;
  sopUid: string;
  studyUid: string;
  seriesUid: string;
}

const CR = '1.2.840.10008.5.1.4.1.1.1';
const CT = '1.2.840.10008.5.1.4.1.1.2';
const ESC = '\u001b';

/** PS3.5 Annex H.3.1's example name: Yamada^Tarou=山田^太郎=やまだ^たろう, as JIS X 0208 escapes. */
export const JAPANESE_NAME_BYTES = Buffer.from(
  `Yamada^Tarou=${ESC}$B;3ED${ESC}(B^${ESC}$BB@O:${ESC}(B=${ESC}$B$d$^$@${ESC}(B^${ESC}$B$?$m$&${ESC}(B`,
  'latin1',
);

/** The same name as a reader should show it (PS3.18 §F.2.2 PN groups). */
export const JAPANESE_NAME = {
  Alphabetic: 'Yamada^Tarou',
  Ideographic: '山田^太郎',
  Phonetic: 'やまだ^たろう',
};

interface Spec {
  sopClassUid: string;
  modality: string;
  studyUid?: string;
  charset?: string;
  patientName?: Buffer | null;
  patientId?: string | null;
  pixels?: boolean;
  extra?: string[];
}

const SPECS: Record<RealWorldName, Spec> = {
  'japanese-cr': {
    sopClassUid: CR,
    modality: 'CR',
    charset: '\\ISO 2022 IR 87',
    patientName: JAPANESE_NAME_BYTES,
  },
  // A scout: CT Image Storage, but no Image Position/Orientation (Type 1 of Image Plane).
  'ct-localizer': {
    sopClassUid: CT,
    modality: 'CT',
    extra: [
      '(0008,0008) CS [ORIGINAL\\PRIMARY\\LOCALIZER]',
      '(0028,1052) DS [-1024]',
      '(0028,1053) DS [1]',
    ],
  },
  'no-patient-id': { sopClassUid: CR, modality: 'CR', patientId: null, patientName: null },
  'no-pixel-data': { sopClassUid: CR, modality: 'CR', pixels: false },
  'uid-percent-encoded': { sopClassUid: CR, modality: 'CR', studyUid: '%2e%2e%2f%2e%2e' },
  'uid-too-long': { sopClassUid: CR, modality: 'CR', studyUid: `1.2.${'3'.repeat(62)}` },
};

function dump(spec: Spec, ids: Omit<RealWorldFile, 'path'>, pixelFile: string): Buffer {
  const line = (s: string) => Buffer.from(`${s}\n`, 'latin1');
  const lines: Buffer[] = [
    line(`(0002,0002) UI [${ids.sopClassUid}]`),
    line(`(0002,0003) UI [${ids.sopUid}]`),
    line('(0002,0010) UI =LittleEndianExplicit'),
  ];
  if (spec.charset) lines.push(line(`(0008,0005) CS [${spec.charset}]`));
  lines.push(
    line(`(0008,0016) UI [${ids.sopClassUid}]`),
    line(`(0008,0018) UI [${ids.sopUid}]`),
    line('(0008,0020) DA [20260105]'),
    line(`(0008,0060) CS [${spec.modality}]`),
  );
  if (spec.patientName !== null)
    lines.push(
      Buffer.concat([
        Buffer.from('(0010,0010) PN [', 'latin1'),
        spec.patientName ?? Buffer.from('DOE^JANE', 'latin1'),
        line(']'),
      ]),
    );
  if (spec.patientId !== null) lines.push(line(`(0010,0020) LO [${spec.patientId ?? 'RW-0001'}]`));
  lines.push(line(`(0020,000d) UI [${ids.studyUid}]`), line(`(0020,000e) UI [${ids.seriesUid}]`));
  for (const e of spec.extra ?? []) lines.push(line(e));
  lines.push(
    line('(0028,0002) US 1'),
    line('(0028,0004) CS [MONOCHROME2]'),
    line('(0028,0010) US 8'),
    line('(0028,0011) US 8'),
    line('(0028,0100) US 16'),
    line('(0028,0101) US 12'),
    line('(0028,0102) US 11'),
    line('(0028,0103) US 0'),
  );
  if (spec.pixels !== false) lines.push(line(`(7fe0,0010) OW =${pixelFile}`));
  return Buffer.concat(lines);
}

/**
 * Writes one real-world object into `dir` with `dump2dcm` (DCMTK must be installed), under
 * fresh UIDs unless `ids` names some (a second object under a known SOP Instance UID). The
 * file is named after the object and its SOP Instance UID, so several may share `dir`.
 */
export function writeRealWorld(
  dir: string,
  name: RealWorldName,
  ids: Partial<Omit<RealWorldFile, 'path' | 'sopClassUid'>> = {},
): RealWorldFile {
  const spec = SPECS[name];
  fs.mkdirSync(dir, { recursive: true });
  const pixelFile = path.join(dir, 'pixels.raw');
  if (!fs.existsSync(pixelFile))
    fs.writeFileSync(pixelFile, Buffer.from(Array.from({ length: 128 }, (_, i) => i % 256)));
  const all = {
    sopClassUid: spec.sopClassUid,
    sopUid: ids.sopUid ?? newUid(),
    studyUid: ids.studyUid ?? spec.studyUid ?? newUid(),
    seriesUid: ids.seriesUid ?? newUid(),
  };
  const file = path.join(
    dir,
    `${name}-${all.sopUid.slice(-12)}-${Math.random().toString(36).slice(2, 8)}.dcm`,
  );
  const dumpFile = `${file}.dump`;
  fs.writeFileSync(dumpFile, dump(spec, all, pixelFile));
  execFileSync('dump2dcm', ['--write-file', dumpFile, file], { stdio: 'pipe' });
  return { path: file, ...all };
}

/** Writes every real-world object into `dir`, each under fresh UIDs. */
export function writeRealWorldSet(dir: string): Record<RealWorldName, RealWorldFile> {
  const names = Object.keys(SPECS) as RealWorldName[];
  return Object.fromEntries(names.map((n) => [n, writeRealWorld(dir, n)])) as Record<
    RealWorldName,
    RealWorldFile
  >;
}
