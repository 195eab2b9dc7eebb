import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUid } from '@telerad/dicom';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { writeCxr } from '../../testing/dicomFixtures';
import { as, stowAs } from './testSupport';

/**
 * QIDO-RS searches of series and instances match the keys of the levels above them (PS3.18
 * §10.6.1.2, PS3.4 §C.4.1.1.3): `/series` the study keys, `/instances` the study and series
 * keys, on every form of the URL; only keys the archive's key table lacks are ignored with a
 * Warning.
 */
type Json = Record<string, { vr: string; Value?: unknown[] }>;
let fx: AppFixture;
let dir: string;
// Study A (SANTOS, 2024-01-15): a DX series of one image and a CR series of two.
const a = { study: newUid(), dx: newUid(), cr: newUid() };
// Study B (NGUYEN, 2024-03-20): one DX image. Study C: another clinic's SANTOS.
const b = { study: newUid(), dx: newUid() };
const c = { study: newUid(), dx: newUid() };

async function put(
  user: string,
  s: { study: string },
  seriesUid: string,
  o: {
    modality: 'DX' | 'CR';
    seriesNumber: number;
    instanceNumber: number;
    patient: { name: string; id: string };
    date: string;
  },
) {
  const f = await writeCxr(path.join(dir, `${newUid()}.dcm`), 'explicitLE', {
    rows: 16,
    columns: 16,
    modality: o.modality,
    patient: o.patient,
    study: { studyInstanceUid: s.study, studyDate: o.date, accessionNumber: `ACC-${o.date}` },
    seriesInstanceUid: seriesUid,
    seriesNumber: o.seriesNumber,
    instanceNumber: o.instanceNumber,
  });
  const res = await stowAs(fx.app, user, [fs.readFileSync(f.path)]);
  expect(res.statusCode, res.body).toBe(200);
}

beforeAll(async () => {
  fx = await appWithDemo();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-qido-levels-'));
  const santos = { name: 'SANTOS^MARIA', id: 'LV-1' };
  const nguyen = { name: 'NGUYEN^HOA', id: 'LV-2' };
  const common = { patient: santos, date: '20240115' };
  await put('clinic1', a, a.dx, { ...common, modality: 'DX', seriesNumber: 1, instanceNumber: 1 });
  await put('clinic1', a, a.cr, { ...common, modality: 'CR', seriesNumber: 2, instanceNumber: 1 });
  await put('clinic1', a, a.cr, { ...common, modality: 'CR', seriesNumber: 2, instanceNumber: 2 });
  await put('clinic1', b, b.dx, {
    patient: nguyen,
    date: '20240320',
    modality: 'DX',
    seriesNumber: 1,
    instanceNumber: 1,
  });
  await put('clinic2', c, c.dx, {
    patient: { name: 'SANTOS^HIDDEN', id: 'LV-9' },
    date: '20240115',
    modality: 'DX',
    seriesNumber: 1,
    instanceNumber: 1,
  });
});
afterAll(async () => {
  await fx?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** A search as clinic1: its answer, sorted UIDs of `tag`, and its Warning header. */
async function search(url: string, tag: string) {
  const res = await as(fx.app, 'clinic1')({ url, headers: { accept: 'application/dicom+json' } });
  expect(res.statusCode, `${url} ${res.body.slice(0, 300)}`).toBe(200);
  const rows = res.json() as Json[];
  const uids = rows.map((r) => String(r[tag]?.Value?.[0])).sort();
  return { rows, uids, warning: res.headers.warning as string | undefined };
}
const sorted = (...uids: string[]) => [...uids].sort();
const SERIES_UID = '0020000E';
const SOP_UID = '00080018';

describe('QIDO-RS higher-level keys', () => {
  it('matches every study-level key on /series, and returns the study attributes', async () => {
    const all = sorted(a.dx, a.cr);
    const cases: [string, string[]][] = [
      ['PatientName=SANTOS*', all],
      ['PatientName=santos^maria', all],
      ['PatientName=NOSUCH*', []],
      ['PatientID=LV-2', [b.dx]],
      ['PatientID=LV-?', sorted(a.dx, a.cr, b.dx)],
      ['StudyDate=20240301-20240331', [b.dx]],
      ['StudyDate=-20240201', all],
      ['AccessionNumber=ACC-20240115', all],
      [`StudyInstanceUID=${a.study}`, all],
      [`StudyInstanceUID=${a.study},${b.study}`, sorted(a.dx, a.cr, b.dx)],
      ['ModalitiesInStudy=CR', all],
      ['PatientName=SANTOS*&Modality=CR', [a.cr]],
      ['StudyDate=20240320&Modality=CR', []],
    ];
    for (const [q, expected] of cases) {
      const r = await search(`/dicomweb/series?${q}`, SERIES_UID);
      expect(r.uids, q).toEqual(expected);
      expect(r.warning, q).toBeUndefined();
    }
    const row = (await search('/dicomweb/series?PatientID=LV-2', SERIES_UID)).rows[0]!;
    expect(row['00100010']?.Value).toEqual([{ Alphabetic: 'NGUYEN^HOA' }]);
    expect(row['00080020']?.Value).toEqual(['20240320']);
    expect(row['0020000D']?.Value).toEqual([b.study]);
    expect(String(row['00081190']?.Value?.[0])).toMatch(new RegExp(`/series/${b.dx}$`));
  });

  it('lists series and instances newest study first, then by number', async () => {
    const order = async (url: string, tag: string) =>
      (await search(url, tag)).rows.map((r) => r[tag]?.Value?.[0]);
    expect(await order('/dicomweb/series?PatientID=LV-?', SERIES_UID)).toEqual([b.dx, a.dx, a.cr]);
    const instances = await search('/dicomweb/instances?PatientID=LV-?', SOP_UID);
    expect(instances.rows.map((r) => r['0020000E']?.Value?.[0])).toEqual([b.dx, a.dx, a.cr, a.cr]);
    expect(instances.rows.slice(2).map((r) => r['00200013']?.Value?.[0])).toEqual([1, 2]);
  });

  it("matches study keys on one study's series too", async () => {
    const url = `/dicomweb/studies/${a.study}/series`;
    expect((await search(`${url}?PatientName=NOSUCH*`, SERIES_UID)).uids).toEqual([]);
    expect((await search(`${url}?StudyDate=20240115`, SERIES_UID)).uids).toEqual(
      sorted(a.dx, a.cr),
    );
    const one = await search(`${url}?PatientID=LV-1&Modality=DX`, SERIES_UID);
    expect(one.uids).toEqual([a.dx]);
    expect(one.rows[0]!['00100020']?.Value).toEqual(['LV-1']);
  });

  it('matches study and series keys on /instances, on every form of the URL', async () => {
    const crs = await search(`/dicomweb/instances?Modality=CR`, SOP_UID);
    expect(crs.rows).toHaveLength(2);
    const aAll = (await search(`/dicomweb/instances?StudyInstanceUID=${a.study}`, SOP_UID)).uids;
    expect(aAll).toHaveLength(3);
    const bOnly = (await search('/dicomweb/instances?PatientID=LV-2', SOP_UID)).uids;
    expect(bOnly).toHaveLength(1);
    const forms: [string, string, number][] = [
      ['/dicomweb/instances', 'PatientName=NOSUCH*', 0],
      ['/dicomweb/instances', 'PatientName=SANTOS*', 3],
      ['/dicomweb/instances', 'StudyDate=20240320', 1],
      ['/dicomweb/instances', 'AccessionNumber=ACC-20240115&SeriesNumber=2', 2],
      ['/dicomweb/instances', `SeriesInstanceUID=${a.dx}`, 1],
      ['/dicomweb/instances', 'Modality=DX', 2],
      ['/dicomweb/instances', 'ModalitiesInStudy=CR&InstanceNumber=1', 2],
      ['/dicomweb/instances', 'Modality=MR', 0],
      [`/dicomweb/studies/${a.study}/instances`, 'Modality=CR', 2],
      [`/dicomweb/studies/${a.study}/instances`, 'SeriesNumber=1', 1],
      [`/dicomweb/studies/${a.study}/instances`, 'PatientID=LV-2', 0],
      [`/dicomweb/studies/${a.study}/series/${a.cr}/instances`, 'PatientName=NOSUCH*', 0],
      [`/dicomweb/studies/${a.study}/series/${a.cr}/instances`, 'StudyDate=20240115', 2],
      [`/dicomweb/studies/${a.study}/series/${a.cr}/instances`, 'Modality=DX', 0],
    ];
    for (const [url, q, n] of forms) {
      const r = await search(`${url}?${q}`, SOP_UID);
      expect(r.rows, `${url}?${q}`).toHaveLength(n);
      expect(r.warning, `${url}?${q}`).toBeUndefined();
    }
    const row = (await search('/dicomweb/instances?PatientID=LV-2', SOP_UID)).rows[0]!;
    expect(row['00100020']?.Value).toEqual(['LV-2']);
    expect(row['00080060']?.Value).toEqual(['DX']);
  });

  it("never matches another clinic's study through a higher-level key", async () => {
    expect((await search('/dicomweb/series?PatientName=SANTOS*', SERIES_UID)).uids).not.toContain(
      c.dx,
    );
    expect((await search('/dicomweb/instances?PatientID=LV-9', SOP_UID)).rows).toEqual([]);
  });

  it('still warns about keys the key table lacks at that level, and only those', async () => {
    const rows = await search('/dicomweb/instances?PatientID=LV-2&Rows=16', SOP_UID);
    expect(rows.rows).toHaveLength(1);
    expect(rows.warning).toMatch(/^299 telerad ".*ignored: Rows"$/);
    // A series key on a study search is below its level: returned, not matched.
    const studies = await search('/dicomweb/studies?PatientID=LV-1&Modality=DX', '0020000D');
    expect(studies.uids).toEqual([a.study]);
    expect(studies.warning).toMatch(/ignored: Modality"$/);
  });

  it('refuses a value a key cannot take, naming the key', async () => {
    for (const q of ['StudyDate=2024', 'SeriesNumber=two']) {
      const res = await as(fx.app, 'clinic1')({ url: `/dicomweb/instances?${q}` });
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.details[0].path).toBe(q.split('=')[0]);
    }
  });
});
