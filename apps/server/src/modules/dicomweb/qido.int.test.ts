import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { writeCharsetSet, writeCxr, type WrittenFile } from '../../testing/dicomFixtures';
import { signIn } from '../../testing/http';
import { as, stowAs } from './testSupport';

/**
 * QIDO-RS matching (PS3.4 §C.2.2.2 through PS3.18 §10.6): wildcards, date ranges, fuzzy names,
 * non-ASCII names, includefield, paging, and clinic scope.
 */
type Json = Record<string, { vr: string; Value?: unknown[] }>;
let fx: AppFixture;
let dir: string;
const studies: Record<string, WrittenFile> = {};
let charset: WrittenFile[];

async function put(
  key: string,
  user: string,
  patient: { name: string; id: string },
  studyDate: string,
) {
  const f = await writeCxr(path.join(dir, `${key}.dcm`), 'explicitLE', {
    rows: 16,
    columns: 16,
    seed: Object.keys(studies).length + 10,
    patient,
    study: { studyDate, accessionNumber: `ACC-${key}` },
  });
  const res = await stowAs(fx.app, user, [fs.readFileSync(f.path)]);
  expect(res.statusCode, res.body).toBe(200);
  studies[key] = f;
}

beforeAll(async () => {
  fx = await appWithDemo();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-qido-'));
  await put('maria', 'clinic1', { name: 'SANTOS^MARIA', id: 'Q-1' }, '20240115');
  await put('hoa', 'clinic1', { name: 'NGUYEN^THI HOA', id: 'Q-2' }, '20240320');
  await put('jose', 'clinic1', { name: 'SANTOSA^JOSE', id: 'Q-3' }, '20230101');
  await put('hidden', 'clinic2', { name: 'SANTOS^HIDDEN', id: 'Q-9' }, '20240201');
  charset = await writeCharsetSet(path.join(dir, 'charsets'), 50);
  const res = await stowAs(
    fx.app,
    'clinic1',
    charset.map((f) => fs.readFileSync(f.path)),
  );
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(async () => {
  await fx?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function search(url: string, user = 'clinic1') {
  const res = await as(fx.app, user)({ url, headers: { accept: 'application/dicom+json' } });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toContain('application/dicom+json');
  return { res, rows: res.json() as Json[] };
}
const ids = (rows: Json[]) => rows.map((r) => r['00100020']?.Value?.[0]).sort();
const v = (r: Json, tag: string) => r[tag]?.Value?.[0];

describe('QIDO-RS', () => {
  it('returns the default study attributes from the index', async () => {
    const { rows } = await search('/dicomweb/studies?PatientID=Q-1');
    expect(rows).toHaveLength(1);
    const s = rows[0]!;
    expect(v(s, '0020000D')).toBe(studies.maria!.studyInstanceUid);
    expect(v(s, '00100010')).toEqual({ Alphabetic: 'SANTOS^MARIA' });
    expect(v(s, '00080020')).toBe('20240115');
    expect(v(s, '00080050')).toBe('ACC-maria');
    expect(s['00080061']!.Value).toEqual(['DX']);
    expect(v(s, '00201208')).toBe(1);
    expect(v(s, '00201206')).toBe(1);
    expect(String(v(s, '00081190'))).toMatch(/\/dicomweb\/studies\/[\d.]+$/);
    expect(s['00080080'], 'not asked for').toBeUndefined();
  });

  it('matches wildcards, date ranges and UID lists', async () => {
    expect(ids((await search('/dicomweb/studies?PatientName=SANTOS*')).rows)).toEqual([
      'Q-1',
      'Q-3',
    ]);
    expect(ids((await search('/dicomweb/studies?PatientName=sant?s^maria')).rows)).toEqual(['Q-1']);
    expect(
      ids((await search('/dicomweb/studies?StudyDate=20240101-20240331&PatientID=Q-*')).rows),
    ).toEqual(['Q-1', 'Q-2']);
    expect(ids((await search('/dicomweb/studies?StudyDate=-20231231&PatientID=Q-*')).rows)).toEqual(
      ['Q-3'],
    );
    expect(ids((await search('/dicomweb/studies?00080020=20240320')).rows)).toEqual(['Q-2']);
    const uids = `${studies.maria!.studyInstanceUid},${studies.hoa!.studyInstanceUid}`;
    expect(ids((await search(`/dicomweb/studies?StudyInstanceUID=${uids}`)).rows)).toEqual([
      'Q-1',
      'Q-2',
    ]);
  });

  it('matches misspelt names only when fuzzy matching is asked for', async () => {
    expect((await search('/dicomweb/studies?PatientName=SANTSO^MARIA')).rows).toEqual([]);
    const fuzzy = await search('/dicomweb/studies?PatientName=SANTSO^MARIA&fuzzymatching=true');
    expect(ids(fuzzy.rows)).toContain('Q-1');
    expect(ids(fuzzy.rows)).not.toContain('Q-9');
  });

  it('finds non-ASCII names and returns every person-name group', async () => {
    const latin = await search(`/dicomweb/studies?PatientName=${encodeURIComponent('müller*')}`);
    expect(latin.rows.map((r) => v(r, '00100010'))).toEqual([{ Alphabetic: 'MÜLLER^JOSÉ' }]);
    const cyr = await search(`/dicomweb/studies?PatientName=${encodeURIComponent('Иванов*')}`);
    expect(cyr.rows).toHaveLength(1);
    const greek = await search(`/dicomweb/studies?PatientName=${encodeURIComponent('Διονυσιος')}`);
    expect(greek.rows).toHaveLength(1);
    const jp = await search('/dicomweb/studies?PatientName=Yamada^Tarou');
    expect(jp.rows).toHaveLength(2); // the UTF-8 and the ISO 2022 IR 87 file
    const utf8 = charset.find((f) => path.basename(f.path) === 'utf8-japanese.dcm')!;
    const row = jp.rows.find((r) => v(r, '0020000D') === utf8.studyInstanceUid)!;
    expect(v(row, '00100010')).toEqual({
      Alphabetic: 'Yamada^Tarou',
      Ideographic: '山田^太郎',
      Phonetic: 'やまだ^たろう',
    });
  });

  it('adds attributes named by includefield, or all of them', async () => {
    const f = charset[0]!;
    const plain = await search(`/dicomweb/studies?StudyInstanceUID=${f.studyInstanceUid}`);
    expect(plain.rows[0]!['00104000']).toBeUndefined();
    const named = await search(
      `/dicomweb/studies?StudyInstanceUID=${f.studyInstanceUid}&includefield=PatientComments`,
    );
    expect(String(v(named.rows[0]!, '00104000')).length).toBeGreaterThan(3);
    const all = await search(
      `/dicomweb/studies?StudyInstanceUID=${f.studyInstanceUid}&includefield=all`,
    );
    expect(all.rows[0]!['00104000']).toBeDefined();
    expect(all.rows[0]!['00100030']).toBeDefined();
    const series = await search(
      `/dicomweb/studies/${f.studyInstanceUid}/series?includefield=00080080`,
    );
    expect(series.rows).toHaveLength(1);
    expect(v(series.rows[0]!, '00080080')).toBeTruthy();
    expect(v(series.rows[0]!, '0020000E')).toBe(f.seriesInstanceUid);
    expect(v(series.rows[0]!, '00201209')).toBe(1);
    const inst = await search(
      `/dicomweb/studies/${f.studyInstanceUid}/series/${f.seriesInstanceUid}/instances?includefield=all`,
    );
    expect(v(inst.rows[0]!, '00080018')).toBe(f.sopInstanceUid);
    expect(inst.rows[0]!['00280030']!.Value).toHaveLength(2);
    const plainInst = await search(`/dicomweb/instances?SOPInstanceUID=${f.sopInstanceUid}`);
    expect(plainInst.rows[0]!['00280030']).toBeUndefined();
    expect(v(plainInst.rows[0]!, '00280010')).toBe(64);
  });

  it('pages with limit and offset', async () => {
    const all = (await search('/dicomweb/studies?PatientID=Q-*')).rows;
    expect(all).toHaveLength(3);
    const first = (await search('/dicomweb/studies?PatientID=Q-*&limit=2')).rows;
    const rest = (await search('/dicomweb/studies?PatientID=Q-*&limit=2&offset=2')).rows;
    expect(first).toHaveLength(2);
    expect(rest).toHaveLength(1);
    expect([...first, ...rest].map((r) => v(r, '0020000D'))).toEqual(
      all.map((r) => v(r, '0020000D')),
    );
    const bad = await as(fx.app, 'clinic1')({ url: '/dicomweb/studies?limit=zero' });
    expect(bad.statusCode).toBe(400);
  });

  it('warns about keys it cannot match on and refuses unknown ones', async () => {
    const { res } = await search('/dicomweb/studies?PatientID=Q-1&StudyTime=1200');
    expect(String(res.headers.warning)).toMatch(/^299 telerad ".*StudyTime/);
    const bad = await as(fx.app, 'clinic1')({ url: '/dicomweb/studies?NotAKeyword=1' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('never shows another clinic’s studies, at any level', async () => {
    const hidden = studies.hidden!;
    expect(ids((await search('/dicomweb/studies?PatientName=SANTOS*')).rows)).not.toContain('Q-9');
    expect(
      (await search(`/dicomweb/series?StudyInstanceUID=${hidden.studyInstanceUid}`)).rows,
    ).toEqual([]);
    expect(
      (await search(`/dicomweb/instances?SOPInstanceUID=${hidden.sopInstanceUid}`)).rows,
    ).toEqual([]);
    const admin = await search('/dicomweb/studies?PatientName=SANTOS*', 'admin');
    expect(ids(admin.rows)).toEqual(['Q-1', 'Q-3', 'Q-9']);
    const mine = await search('/dicomweb/studies?PatientName=SANTOS*', 'clinic2');
    expect(ids(mine.rows)).toEqual(['Q-9']);
  });

  it('answers 404 to clinic2 for clinic1’s study on every study-scoped endpoint', async () => {
    const f = studies.maria!;
    const routes = fx.app.routeTable.filter((r) => r.url.startsWith('/dicomweb/studies/:studyUid'));
    expect(routes.length).toBeGreaterThanOrEqual(15);
    for (const r of routes) {
      const url = r.url
        .replace(':studyUid', f.studyInstanceUid)
        .replace(':seriesUid', f.seriesInstanceUid)
        .replace(':sopUid', f.sopInstanceUid)
        .replace(':frames', '1')
        .replace('*', '7FE00010');
      if (r.method === 'POST') continue;
      const mine = await as(fx.app, 'clinic1')({ method: 'GET', url });
      expect(mine.statusCode, `clinic1 ${url} ${mine.body.slice(0, 200)}`).toBe(200);
      const other = await as(fx.app, 'clinic2')({ method: 'GET', url });
      expect(other.statusCode, `clinic2 ${url}`).toBe(404);
      expect(other.body).not.toContain('SANTOS');
    }
  });

  it('accepts a session cookie, a bearer token and HTTP Basic, and audits each search', async () => {
    const session = await signIn(fx.app, 'clinic1');
    const byCookie = await session.request({ url: '/dicomweb/studies?PatientID=Q-1' });
    expect(byCookie.json()).toHaveLength(1);
    const token = await session.request({
      method: 'POST',
      url: '/api/auth/tokens',
      payload: { name: 'pacs' },
    });
    const secret = (token.json() as { token: string }).token;
    const byToken = await fx.app.inject({
      url: '/dicomweb/studies?PatientID=Q-1',
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(byToken.json()).toHaveLength(1);
    const wrong = await fx.app.inject({
      url: '/dicomweb/studies',
      headers: { authorization: `Basic ${Buffer.from('clinic1:nope').toString('base64')}` },
    });
    expect(wrong.statusCode).toBe(401);
    const basicOnApi = await as(fx.app, 'clinic1')({ url: '/api/studies' });
    expect(basicOnApi.json().error.code).toBe('BASIC_AUTH_NOT_ALLOWED');
    const events = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['action', 'outcome', 'resource_id', 'clinic_id'])
      .where('action', 'like', 'dicomweb.%')
      .execute();
    expect(events.filter((e) => e.action === 'dicomweb.qido').length).toBeGreaterThan(10);
    expect(events.some((e) => e.action === 'dicomweb.stow' && e.clinic_id)).toBe(true);
    expect(
      events.some(
        (e) => e.action === 'dicomweb.metadata' && e.outcome === 'denied' && e.resource_id,
      ),
    ).toBe(true);
  });
});
