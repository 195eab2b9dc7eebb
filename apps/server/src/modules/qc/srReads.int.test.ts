import fs from 'node:fs';
import path from 'node:path';
import type { QcSampling } from '@telerad/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCxr } from '../../testing/dicomFixtures';
import { writeClinicSr, type ClinicSrRead } from '../../testing/dicom/clinicSr';
import { dimseFixture, run, storedInstance, type DimseFixture } from '../dimse/testSupport';
import { unwireClinicSrReads, wireClinicSrReads } from '.';

/**
 * A clinic's own read sent as a DICOM SR (DIMSE C-STORE from DCMTK storescu, into the one ingest
 * path) beside its chest X-ray: taken as the clinic's read with the portal's checks and sampling,
 * audited as a system action with the sender's AE; an SR that cannot be taken stays stored and
 * flags its study for the assistant with the reason.
 */
let f: DimseFixture;
let dir: string;
let demo1: string;
let n = 0;

beforeAll(async () => {
  f = await dimseFixture();
  dir = path.join(f.dataDir, 'files');
  fs.mkdirSync(dir);
  demo1 = (
    await f.tdb.db
      .selectFrom('clinics')
      .select('id')
      .where('code', '=', 'DEMO1')
      .executeTakeFirstOrThrow()
  ).id;
  wireClinicSrReads({ seed: 'sr-reads' });
});
afterAll(async () => {
  unwireClinicSrReads();
  await f?.close();
});

async function rule(sampling: QcSampling) {
  await f.tdb.db.deleteFrom('qc_rules').where('clinic_id', '=', demo1).execute();
  await f.tdb.db
    .insertInto('qc_rules')
    .values({ clinic_id: demo1, sampling: JSON.stringify(sampling) })
    .execute();
}

/** Sends a new CXR and the clinic's SR of it in one storescu association as DEMO1. */
async function sendStudy(read: ClinicSrRead) {
  n++;
  const img = await writeCxr(path.join(dir, `cxr-${n}.dcm`), 'explicitLE', {
    seed: 500 + n,
    rows: 16,
    columns: 16,
  });
  const srPath = path.join(dir, `sr-${n}.dcm`);
  const srUid = writeClinicSr(img.path, srPath, read);
  const r = await run('storescu', [
    '-aet',
    'DEMO1',
    '-aec',
    'TELERAD',
    '127.0.0.1',
    String(f.port),
    img.path,
    srPath,
  ]);
  expect(r.code, r.out).toBe(0);
  const study = await f.tdb.db
    .selectFrom('studies')
    .select('id')
    .where('study_uid', '=', img.studyInstanceUid)
    .executeTakeFirstOrThrow();
  return { img, srPath, srUid, studyId: study.id, studyUid: img.studyInstanceUid };
}

const clinicReadOf = (studyId: string) =>
  f.tdb.db
    .selectFrom('clinic_reads as r')
    .leftJoin('reading_tasks as t', 't.id', 'r.task_id')
    .select([
      'r.source',
      'r.category',
      'r.reader_name',
      'r.sr_sop_uid',
      'r.sampled',
      't.type as taskType',
      'r.content',
    ])
    .where('r.study_id', '=', studyId)
    .execute();

const flagsOf = (studyId: string) =>
  f.tdb.db
    .selectFrom('study_flags')
    .select(['code', 'detail'])
    .where('study_id', '=', studyId)
    .execute();

const auditOf = (studyUid: string) =>
  f.tdb.db
    .selectFrom('audit_events')
    .select(['outcome', 'actor_id', 'actor_name', 'clinic_id', 'details'])
    .where('action', '=', 'qc.clinic-read.sr')
    .where('resource_id', '=', studyUid)
    .execute();

const TB_READ: ClinicSrRead = {
  observer: 'Okafor^Ngozi^^Dr',
  category: 'suggestive-of-tb',
  findings: [{ code: 'cavity', side: '24028007' }],
  quality: '1 — Good',
  recommendations: ['Sputum testing'],
  impression: 'Right upper zone cavity.',
};

describe('a clinic’s SR taken as its read', () => {
  it('records the read from a valid Enhanced SR and samples it by the clinic’s rule', async () => {
    await rule({ mode: 'all' });
    const s = await sendStudy(TB_READ);
    const check = await run('dciodvfy', [s.srPath]);
    expect(check.out).toMatch(/^EnhancedSR$/m);
    expect(check.out).not.toMatch(/^Error/m);

    const [read, ...more] = await clinicReadOf(s.studyId);
    expect(more).toEqual([]);
    expect(read).toMatchObject({
      source: 'sr',
      category: 'tb',
      reader_name: 'Dr Ngozi Okafor',
      sr_sop_uid: s.srUid,
      sampled: true,
      taskType: 'qc_read',
    });
    expect(read!.content).toMatchObject({
      formId: 'us-ds3030',
      result: 'abnormal',
      findings: [{ code: 'cavity', formItem: 'cavity', side: 'right' }],
      quality: { grade: 1 },
      recommendations: ['sputum_testing'],
      impression: 'Right upper zone cavity.',
    });
    // Both objects are stored as sent; the SR raised no flag.
    expect(await storedInstance(f, s.srUid)).toBeDefined();
    expect(await flagsOf(s.studyId)).toEqual([]);
    const [event] = await auditOf(s.studyUid);
    expect(event).toMatchObject({
      outcome: 'success',
      actor_id: null,
      actor_name: 'system (dimse from DEMO1)',
      clinic_id: demo1,
      details: {
        srSopUid: s.srUid,
        door: 'dimse',
        callingAe: 'DEMO1',
        category: 'tb',
        sampled: true,
      },
    });
  });

  it('leaves a read the rule does not choose unsampled', async () => {
    await rule({ mode: 'abnormal' });
    const s = await sendStudy({
      category: 'normal',
      quality: '2 — Acceptable',
      impression: 'No active lung disease.',
    });
    expect(await clinicReadOf(s.studyId)).toMatchObject([
      {
        source: 'sr',
        category: 'normal',
        reader_name: 'Not named in the clinic’s SR',
        sampled: false,
        taskType: null,
      },
    ]);
  });

  it('keeps an SR it cannot take and shows the assistant why', async () => {
    await rule({ mode: 'all' });
    // "Abnormal, not TB" without a finding is not a complete read on the DS-3030.
    const s = await sendStudy({
      category: 'abnormal-not-tb',
      quality: '1 — Good',
      impression: 'Something.',
    });
    expect(await storedInstance(f, s.srUid)).toBeDefined();
    expect(await clinicReadOf(s.studyId)).toEqual([]);
    const flags = await flagsOf(s.studyId);
    expect(flags).toHaveLength(1);
    expect(flags[0]!.code).toBe('clinic_sr_unread');
    expect(flags[0]!.detail).toMatch(/^Not taken as the clinic’s read: it is not a complete read/);
    expect(flags[0]!.detail).toMatch(/at least one finding/);
    expect(await auditOf(s.studyUid)).toMatchObject([{ outcome: 'failure' }]);

    // A category we do not know, and a second SR for a study already read, are kept the same way.
    const odd = await sendStudy({ category: 'maybe', impression: 'Unsure.' });
    expect((await flagsOf(odd.studyId))[0]!.detail).toMatch(/category “maybe” is not one of ours/);
    const again = path.join(dir, 'again.dcm');
    const t = await sendStudy(TB_READ);
    const secondUid = writeClinicSr(t.img.path, again, TB_READ);
    const r = await run('storescu', [
      '-aet',
      'DEMO1',
      '-aec',
      'TELERAD',
      '127.0.0.1',
      String(f.port),
      again,
    ]);
    expect(r.code, r.out).toBe(0);
    expect(await storedInstance(f, secondUid)).toBeDefined();
    expect(await clinicReadOf(t.studyId)).toHaveLength(1);
    expect((await flagsOf(t.studyId))[0]!.detail).toMatch(/already recorded/);
  });
});
