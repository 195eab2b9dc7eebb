import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findForm, type ReportForm } from '@telerad/contracts';
import { describe, expect, it } from 'vitest';
import { readHeader } from '../ingest';
import { readClinicSr } from '../qc';
import { buildSrDataset, toPart10 } from './dicomObjects';
import { srContentTree } from './srContent';
import { testReport } from './testReport';

/**
 * A clinic may echo our own report SR back as its read: the QC module reads the tree this module
 * writes (form, result, findings with side, zones and note, quality, recommendations,
 * impression, signer) back into the same read, as ingest parses it.
 */
function asIngested(bytes: Buffer) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-echo-'));
  try {
    const file = path.join(dir, 'sr.dcm');
    fs.writeFileSync(file, bytes);
    return readHeader(file, bytes.length).dataset;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const US = findForm('us-ds3030') as ReportForm;

describe('our report SR read back as a clinic’s read', () => {
  it('gives back the signed content and the signer', () => {
    const r = testReport();
    const ds = asIngested(toPart10(buildSrDataset(r, { evidence: [] }, srContentTree(r))));
    const read = readClinicSr(ds, [US]);
    expect(read).toMatchObject({ ok: true, readerName: 'Dr Ana Reyes', category: 'tb' });
    if (!read.ok) return;
    expect(read.content).toMatchObject({
      formId: r.content.formId,
      formVersion: r.content.formVersion,
      result: r.content.result,
      findings: r.content.findings,
      quality: r.content.quality,
      recommendations: r.content.recommendations,
      impression: r.content.impression,
    });
  });

  it('refuses a form the clinic does not use, naming it', () => {
    const r = testReport();
    const ds = asIngested(toPart10(buildSrDataset(r, { evidence: [] }, srContentTree(r))));
    const other = { ...US, id: 'other-form' };
    expect(readClinicSr(ds, [other])).toEqual({
      ok: false,
      reason: 'it was written on a form this clinic does not use (us-ds3030)',
    });
  });
});
