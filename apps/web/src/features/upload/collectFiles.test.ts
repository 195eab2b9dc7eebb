import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { filesToSend, type PickedFile } from './collectFiles';
import { writeDicom, writeDicomdir } from './dicomTestFiles';

/** What is sent from a dropped CD folder: the files its DICOMDIR lists, and what it misses. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-dicomdir-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A picked file as the page gets it from a dropped folder (path upper case, '/'). */
const picked = (root: string, rel: string, top = 'CD'): PickedFile => ({
  file: new File([fs.readFileSync(path.join(root, rel))], path.basename(rel)),
  path: `${top}/${rel}`.toUpperCase(),
});

describe('filesToSend', () => {
  it('sends only the files a DICOMDIR lists (not the DICOMDIR, not strays) and names the listed ones that are missing', async () => {
    const cd = path.join(dir, 'cd');
    const listed = ['IMAGES/IM1', 'IMAGES/IM2', 'IMAGES/IM3'];
    listed.forEach((rel, i) =>
      writeDicom(path.join(cd, rel), {
        sopUid: `1.2.826.0.1.3680043.9.7.4.${i + 1}`,
        modality: 'DX',
        patientId: 'P1',
        instanceNumber: i + 1,
      }),
    );
    writeDicomdir(cd, listed);
    // A stray file on the CD the DICOMDIR does not list (a viewer's leftovers).
    fs.writeFileSync(path.join(cd, 'README.TXT'), 'viewer');
    // IM3 did not come with the drop.
    const pick = ['DICOMDIR', 'IMAGES/IM1', 'IMAGES/IM2', 'README.TXT'].map((r) => picked(cd, r));

    const { files, missing } = await filesToSend(pick);
    expect(files.map((f) => f.path)).toEqual(['CD/IMAGES/IM1', 'CD/IMAGES/IM2']);
    expect(missing).toEqual(['CD/IMAGES/IM3']);
  });

  it('sends every picked file when there is no DICOMDIR', async () => {
    const loose = path.join(dir, 'loose');
    writeDicom(path.join(loose, 'A.DCM'), { sopUid: '1.2.826.0.1.3680043.9.7.5.1' });
    fs.writeFileSync(path.join(loose, 'NOTES.TXT'), 'x');
    const pick = ['A.DCM', 'NOTES.TXT'].map((r) => picked(loose, r, 'LOOSE'));
    expect(await filesToSend(pick)).toEqual({ files: pick, missing: [] });
  });
});
