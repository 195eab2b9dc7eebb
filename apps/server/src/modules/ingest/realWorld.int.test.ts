import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../testing/appFixture';
import {
  JAPANESE_NAME,
  writeRealWorld,
  writeRealWorldSet,
  type RealWorldFile,
} from '../../testing/dicomFixtures';
import { dimseFixture, run, type DimseFixture } from '../dimse/testSupport';
import { stowAs, stowItems } from '../dicomweb/testSupport';

/**
 * Never rewrite, rarely refuse, always show: objects as other toolkits write them (DCMTK's
 * dump2dcm), sent by DCMTK's storescu and by STOW-RS. Stored unless they cannot be
 * identified; flagged with the reasons; UIDs indexed exactly as the file holds them.
 */
let f: DimseFixture;
let app: FastifyInstance;
let dir: string;

beforeAll(async () => {
  f = await dimseFixture();
  app = await buildTestApp({ tdb: f.tdb, dataDir: f.dataDir, storage: f.storage });
  await app.ready();
  dir = path.join(f.dataDir, 'real-world');
});
afterAll(async () => {
  await app?.close();
  await f?.close();
});

const storescu = (...files: RealWorldFile[]) =>
  run('storescu', [
    '-v',
    '-aet',
    'DEMO1',
    '-aec',
    'TELERAD',
    '127.0.0.1',
    String(f.port),
    ...files.map((x) => x.path),
  ]);

const flagsOf = async (studyUid: string) =>
  (
    await f.tdb.db
      .selectFrom('study_flags')
      .innerJoin('studies', 'studies.id', 'study_flags.study_id')
      .select(['code', 'detail', 'count'])
      .where('studies.study_uid', '=', studyUid)
      .orderBy('code')
      .orderBy('detail')
      .execute()
  ).map((r) => `${r.code}:${r.detail}:${r.count}`);

const indexedStudy = (studyUid: string) =>
  f.tdb.db
    .selectFrom('studies')
    .select(['patient_id', 'patient_name', 'num_instances'])
    .where('study_uid', '=', studyUid)
    .executeTakeFirst();

/** Every indexed Study Instance UID is a valid UID: nothing was indexed under rewritten digits. */
const indexedStudyUids = async () =>
  (await f.tdb.db.selectFrom('studies').select('study_uid').execute()).map((r) => r.study_uid);

async function expectStoredAndFlagged(set: ReturnType<typeof writeRealWorldSet>) {
  const jp = await indexedStudy(set['japanese-cr'].studyUid);
  expect(jp?.patient_name).toBe('Yamada^Tarou');
  expect(await flagsOf(set['japanese-cr'].studyUid)).toEqual([]);
  const meta = await f.tdb.db
    .selectFrom('instances')
    .select('metadata')
    .where('sop_uid', '=', set['japanese-cr'].sopUid)
    .executeTakeFirstOrThrow();
  expect((meta.metadata as Record<string, { Value?: unknown[] }>)['00100010']?.Value).toEqual([
    JAPANESE_NAME,
  ]);

  expect(await flagsOf(set['ct-localizer'].studyUid)).toEqual([
    'iod_deviation:CT Image: missing ImagePositionPatient, ImageOrientationPatient:1',
  ]);
  expect(await indexedStudy(set['no-patient-id'].studyUid)).toMatchObject({
    patient_id: '',
    num_instances: 1,
  });
  expect(await flagsOf(set['no-patient-id'].studyUid)).toEqual([
    'patient_id_missing::1',
    'patient_name_missing::1',
  ]);
  expect(await flagsOf(set['no-pixel-data'].studyUid)).toEqual(['no_pixel_data:CR Image:1']);
}

describe('real-world objects', () => {
  it('storescu: stores and flags what deviates, refuses only invalid UIDs, never indexes a rewritten one', async () => {
    const set = writeRealWorldSet(path.join(dir, 'dimse'));
    const ok = await storescu(
      set['japanese-cr'],
      set['ct-localizer'],
      set['no-patient-id'],
      set['no-pixel-data'],
    );
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).not.toMatch(/Error|Warning/);
    await expectStoredAndFlagged(set);

    for (const bad of [set['uid-percent-encoded'], set['uid-too-long']]) {
      const r = await storescu(bad);
      // Cxxx, "cannot understand" (PS3.4 §B.2.3); STOW below shows the exact C002.
      expect(r.out).toMatch(/Received Store Response \(Error: CannotUnderstand\)/);
    }
    const uids = await indexedStudyUids();
    expect(uids).not.toContain('22222');
    expect(uids.filter((u) => !/^[0-9.]{1,64}$/.test(u))).toEqual([]);
  });

  it('STOW-RS: the same objects, the same answers', async () => {
    const set = writeRealWorldSet(path.join(dir, 'stow'));
    const names = Object.keys(set) as (keyof typeof set)[];
    // Implicit VR is read by dcmjs, whose formatted UIDs keep only digits and dots.
    const implicit = path.join(dir, 'uid-percent-encoded-implicit.dcm');
    expect((await run('dcmconv', ['+ti', set['uid-percent-encoded'].path, implicit])).code).toBe(0);
    const res = await stowAs(app, 'clinic1', [
      ...names.map((n) => fs.readFileSync(set[n].path)),
      fs.readFileSync(implicit),
    ]);
    expect(res.statusCode, res.body).toBe(202);
    const { stored, failed } = stowItems(res);
    expect(stored.map((s) => s.sopUid).sort()).toEqual(
      ['japanese-cr', 'ct-localizer', 'no-patient-id', 'no-pixel-data']
        .map((n) => set[n as keyof typeof set].sopUid)
        .sort(),
    );
    expect(failed.map((x) => [x.code, x.reason])).toEqual([
      ['DICOM_INVALID_UID', 0xc002],
      ['DICOM_INVALID_UID', 0xc002],
      ['DICOM_INVALID_UID', 0xc002],
    ]);
    expect(failed[0]!.message).toContain('%2e%2e%2f%2e%2e');
    expect(failed[2]!.message).toContain('%2e%2e%2f%2e%2e');
    await expectStoredAndFlagged(set);
    expect(await indexedStudyUids()).not.toContain('22222');
  });

  it('refuses a SOP Instance UID stored under another study or series with DICOM_UID_CONFLICT, and keeps a new version in place', async () => {
    const first = writeRealWorld(path.join(dir, 'conflict'), 'no-pixel-data');
    expect((await storescu(first)).code).toBe(0);

    const otherStudy = writeRealWorld(path.join(dir, 'conflict'), 'no-pixel-data', {
      sopUid: first.sopUid,
    });
    const otherSeries = writeRealWorld(path.join(dir, 'conflict'), 'no-pixel-data', {
      sopUid: first.sopUid,
      studyUid: first.studyUid,
    });
    const r = await storescu(otherStudy);
    // Duplicate SOP Instance (PS3.7 §C.4): storescu knows no name for it.
    expect(r.out).toMatch(/Received Store Response \(Unknown Status: 0x111\)/);
    const res = await stowAs(app, 'clinic1', [fs.readFileSync(otherSeries.path)]);
    expect(stowItems(res).failed.map((x) => [x.code, x.reason])).toEqual([
      ['DICOM_UID_CONFLICT', 0x0111],
    ]);
    expect(await indexedStudy(otherStudy.studyUid)).toBeUndefined();

    // Other bytes, same study, series and SOP Instance UID: a new version, kept and flagged.
    const again = writeRealWorld(path.join(dir, 'conflict'), 'ct-localizer', {
      sopUid: first.sopUid,
      studyUid: first.studyUid,
      seriesUid: first.seriesUid,
    });
    const v2 = await stowAs(app, 'clinic1', [fs.readFileSync(again.path)]);
    expect(stowItems(v2).stored.map((s) => s.sopUid)).toEqual([first.sopUid]);
    expect(await flagsOf(first.studyUid)).toEqual([
      `iod_deviation:CT Image: missing ImagePositionPatient, ImageOrientationPatient:1`,
      `new_version:${first.sopUid}:1`,
      'no_pixel_data:CR Image:1',
    ]);
  });
});
