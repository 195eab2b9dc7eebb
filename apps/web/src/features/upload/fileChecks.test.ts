import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeDicom, writeDicomdir } from './dicomTestFiles';
import { MAX_PLAUSIBLE_BYTES, MIN_PLAUSIBLE_BYTES, readFacts, warningsFor } from './fileChecks';

/** The checks the Send images page makes in the browser before a file is sent. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-filechecks-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
const dicom = (h: Partial<Parameters<typeof writeDicom>[1]> = {}) =>
  new Uint8Array(
    writeDicom(path.join(dir, `f${++n}`), {
      sopUid: `1.2.826.0.1.3680043.9.7.2.${n}`,
      modality: 'DX',
      patientId: 'P123',
      ...h,
    }),
  );
const kinds = (facts: ReturnType<typeof readFacts>, size = 1024 * 1024, sent = false) =>
  warningsFor(facts, size, sent).map((w) => [w.kind, w.overridable]);

describe('readFacts', () => {
  it('reads a Part 10 header: SOP Instance, study, patient and modality', () => {
    const facts = readFacts(dicom({ modality: 'CR', patientId: 'A-77', pixelBytes: 64 }));
    expect(facts).toEqual({
      isDicom: true,
      sopUid: `1.2.826.0.1.3680043.9.7.2.${n}`,
      studyUid: '1.2.826.0.1.3680043.9.7.1',
      patientId: 'A-77',
      patientName: 'Test^Applicant',
      modality: 'CR',
      referencedFiles: null,
    });
  });

  it('says a file is not DICOM without the DICM prefix, and for a file too short to have one', () => {
    const jpeg = new Uint8Array(4096).fill(0xff);
    expect(readFacts(jpeg).isDicom).toBe(false);
    expect(readFacts(new TextEncoder().encode('DICM')).isDicom).toBe(false);
    // The preamble and prefix without a parsable data set after them.
    const broken = new Uint8Array(200);
    broken.set(new TextEncoder().encode('DICM'), 128);
    broken.fill(0xff, 132);
    expect(readFacts(broken).isDicom).toBe(false);
  });

  it('keeps what a header cut short by the slice read already gave', () => {
    const whole = dicom({ pixelBytes: 4096 });
    const facts = readFacts(whole.subarray(0, whole.length - 1000));
    expect(facts).toMatchObject({ isDicom: true, modality: 'DX', patientId: 'P123' });
  });

  it("lists a DICOMDIR's referenced files as '/'-separated upper-case paths", () => {
    const cd = path.join(dir, 'cd');
    const h = { modality: 'DX', patientId: 'P9' };
    writeDicom(path.join(cd, 'IMAGES', 'IM1'), { ...h, sopUid: '1.2.826.0.1.3680043.9.7.3.1' });
    writeDicom(path.join(cd, 'IMAGES', 'IM2'), {
      ...h,
      sopUid: '1.2.826.0.1.3680043.9.7.3.2',
      instanceNumber: 2,
    });
    const facts = readFacts(new Uint8Array(writeDicomdir(cd, ['IMAGES/IM1', 'IMAGES/IM2'])));
    expect(facts.referencedFiles).toEqual(['IMAGES/IM1', 'IMAGES/IM2']);
  });
});

describe('warningsFor', () => {
  it('refuses a file that is not an image, with no way to send it anyway', () => {
    expect(kinds(readFacts(new Uint8Array(300)))).toEqual([['not-image', false]]);
  });

  it('has nothing to say of a chest X-ray (DX or CR) with a patient ID and a plausible size', () => {
    expect(kinds(readFacts(dicom({ modality: 'DX' })))).toEqual([]);
    expect(kinds(readFacts(dicom({ modality: 'CR' })))).toEqual([]);
  });

  it('warns of another modality or none, and names what the file says', () => {
    const ct = warningsFor(readFacts(dicom({ modality: 'CT' })), 1024 * 1024, false);
    expect(ct).toEqual([expect.objectContaining({ kind: 'not-chest-xray', overridable: true })]);
    expect(ct[0]!.text).toContain('"CT"');
    expect(kinds(readFacts(dicom({ modality: undefined })))).toEqual([['not-chest-xray', true]]);
  });

  it('warns of a missing patient ID', () => {
    expect(kinds(readFacts(dicom({ patientId: undefined })))).toEqual([['no-patient-id', true]]);
    expect(kinds(readFacts(dicom({ patientId: '' })))).toEqual([['no-patient-id', true]]);
  });

  it('warns of an image already sent', () => {
    expect(kinds(readFacts(dicom()), 1024 * 1024, true)).toEqual([['already-sent', true]]);
  });

  it('warns of an implausible size at both ends, not at the limits themselves', () => {
    const facts = readFacts(dicom());
    expect(kinds(facts, MIN_PLAUSIBLE_BYTES - 1)).toEqual([['odd-size', true]]);
    expect(kinds(facts, MIN_PLAUSIBLE_BYTES)).toEqual([]);
    expect(kinds(facts, MAX_PLAUSIBLE_BYTES)).toEqual([]);
    const large = warningsFor(facts, MAX_PLAUSIBLE_BYTES + 1, false);
    expect(large.map((w) => w.kind)).toEqual(['odd-size']);
    expect(large[0]!.text).toContain('unusually large');
  });
});
