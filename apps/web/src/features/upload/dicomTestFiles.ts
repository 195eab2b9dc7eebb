import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Header fields of a test file; undefined leaves the element out. */
export interface TestHeader {
  sopUid: string;
  modality?: string;
  patientId?: string;
  instanceNumber?: number;
  /** Extra bytes of (fake) pixel data, to give the file a size. */
  pixelBytes?: number;
}

/**
 * Writes a small Part 10 file (DX for presentation, one study) with DCMTK's dump2dcm, the way a
 * clinic's unit would, and answers its bytes.
 */
export function writeDicom(file: string, h: TestHeader): Buffer {
  const lines = [
    '(0008,0016) UI =DigitalXRayImageStorageForPresentation',
    `(0008,0018) UI [${h.sopUid}]`,
    h.modality !== undefined ? `(0008,0060) CS [${h.modality}]` : '',
    '(0010,0010) PN [Test^Applicant]',
    h.patientId !== undefined ? `(0010,0020) LO [${h.patientId}]` : '',
    '(0020,000d) UI [1.2.826.0.1.3680043.9.7.1]',
    '(0020,000e) UI [1.2.826.0.1.3680043.9.7.1.2]',
    '(0020,0010) SH [1]',
    '(0020,0011) IS [1]',
    `(0020,0013) IS [${h.instanceNumber ?? 1}]`,
    h.pixelBytes ? `(7fe0,0010) OB ${Array(h.pixelBytes).fill('00').join('\\')}` : '',
  ];
  const dump = `${file}.dump`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(dump, lines.filter(Boolean).join('\n') + '\n');
  // dump2dcm answers 0 even when it wrote nothing: reading the file below is the check.
  execFileSync('dump2dcm', ['-q', '-g', '+te', '+l', '1000000', dump, file]);
  fs.rmSync(dump);
  return fs.readFileSync(file);
}

/** Writes a DICOMDIR in `root` listing `files` (paths relative to `root`), with DCMTK's dcmmkdir. */
export function writeDicomdir(root: string, files: string[]): Buffer {
  execFileSync('dcmmkdir', ['-q', '--invent', ...files], { cwd: root });
  return fs.readFileSync(path.join(root, 'DICOMDIR'));
}
