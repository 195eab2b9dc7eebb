import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { writeCxr, type WrittenFile } from '../../testing/dicomFixtures';
import { signIn } from '../../testing/http';

let fx: AppFixture;
let mine: WrittenFile;
let theirs: WrittenFile;

beforeAll(async () => {
  fx = await appWithDemo();
  const dir = path.join(fx.dataDir, 'in');
  fs.mkdirSync(dir);
  mine = await writeCxr(path.join(dir, 'mine.dcm'), 'explicitLE', {
    rows: 32,
    columns: 32,
    patient: { name: 'NGUYEN^THI HOA', id: 'VN-1001' },
  });
  theirs = await writeCxr(path.join(dir, 'theirs.dcm'), 'explicitLE', {
    rows: 32,
    columns: 32,
    patient: { name: 'OKAFOR^GRACE', id: 'KE-2002' },
  });
  await fx.storeAs('DEMO1', mine.path);
  await fx.storeAs('DEMO2', theirs.path);
  // DEMO2 tries to write into DEMO1's study: refused, and recorded.
  const intruder = await writeCxr(path.join(dir, 'intruder.dcm'), 'explicitLE', {
    rows: 32,
    columns: 32,
    study: { studyInstanceUid: mine.studyInstanceUid },
  });
  await fx.storeAs('DEMO2', intruder.path).catch(() => undefined);
});
afterAll(async () => fx?.close());

describe('archive browser API', () => {
  it('searches by patient ID, accession or a misspelt name, within the clinic scope', async () => {
    const rad = await signIn(fx.app, 'radiologist');
    const all = (await rad.request({ method: 'GET', url: '/api/studies' })).json();
    expect(all.studies.map((s: { patientId: string }) => s.patientId).sort()).toEqual([
      'KE-2002',
      'VN-1001',
    ]);
    const fuzzy = (await rad.request({ method: 'GET', url: '/api/studies?q=NGUYEM' })).json();
    expect(fuzzy.studies.map((s: { patientId: string }) => s.patientId)).toEqual(['VN-1001']);
    const c1 = await signIn(fx.app, 'clinic1');
    const scoped = (await c1.request({ method: 'GET', url: '/api/studies?q=KE-2002' })).json();
    expect(scoped.studies).toEqual([]);
    const own = (await c1.request({ method: 'GET', url: '/api/studies' })).json();
    expect(own.studies.map((s: { clinicCode: string }) => s.clinicCode)).toEqual(['DEMO1']);
  });

  it('answers 404 for another clinic’s study, and audits the refusal', async () => {
    const c2 = await signIn(fx.app, 'clinic2');
    const res = await c2.request({ method: 'GET', url: `/api/studies/${mine.studyInstanceUid}` });
    expect(res.statusCode).toBe(404);
    const ev = await fx.tdb.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'archive.study.read')
      .where('actor_name', '=', 'clinic2')
      .execute();
    expect(ev.map((e) => e.outcome)).toContain('denied');
  });

  it('shows centre staff every arrival and refusal, and a clinic user only its own', async () => {
    const admin = await signIn(fx.app, 'admin');
    const full = (
      await admin.request({ method: 'GET', url: `/api/studies/${mine.studyInstanceUid}` })
    ).json();
    expect(full.history.map((h: { outcome: string }) => h.outcome).sort()).toEqual([
      'refused',
      'stored',
    ]);
    expect(full.instances).toHaveLength(1);
    expect(full.series).toHaveLength(1);
    const c1 = await signIn(fx.app, 'clinic1');
    const own = (
      await c1.request({ method: 'GET', url: `/api/studies/${mine.studyInstanceUid}` })
    ).json();
    expect(own.history.map((h: { outcome: string }) => h.outcome)).toEqual(['stored']);
    expect(JSON.stringify(own)).not.toContain('DEMO2');
  });

  it('refuses bad search input with the field named', async () => {
    const rad = await signIn(fx.app, 'radiologist');
    const res = await rad.request({ method: 'GET', url: '/api/studies?from=yesterday' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('from');
  });
});
