import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { writeCxr, type WrittenFile } from '../../testing/dicomFixtures';
import { signIn, type TestClient } from '../../testing/http';

/** An audit trail an auditor can use: names instead of UUIDs, clinics by name, quiet refreshes. */
let fx: AppFixture;
let file: WrittenFile;
let auditor: TestClient;

beforeAll(async () => {
  fx = await appWithDemo();
  file = await writeCxr(path.join(fx.dataDir, 't.dcm'), 'explicitLE', {
    rows: 16,
    columns: 16,
    patient: { name: 'TRAIL^AMINA', id: 'TR-77' },
  });
  await fx.storeAs('DEMO2', file.path);
  const rad = await signIn(fx.app, 'radiologist');
  expect(
    (await rad.request({ method: 'GET', url: `/api/studies/${file.studyInstanceUid}` })).statusCode,
  ).toBe(200);
  await rad.request({ method: 'GET', url: '/api/worklist' });
  await rad.request({ method: 'GET', url: '/api/notifications' });
  auditor = await signIn(fx.app, 'auditor');
});
afterAll(async () => fx?.close());

const search = async (query: string) => {
  const res = await auditor.request({ method: 'GET', url: `/api/audit?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().events as {
    action: string;
    clinic: { code: string; name: string } | null;
    patient: { name: string | null; id: string; studyUid: string } | null;
  }[];
};

describe('the audit trail for an auditor', () => {
  it('shows the patient and the clinic of a study read, resolved at read time', async () => {
    const [ev] = await search('action=archive.study.read');
    expect(ev!.patient).toEqual({
      name: 'TRAIL^AMINA',
      id: 'TR-77',
      studyUid: file.studyInstanceUid,
    });
    expect(ev!.clinic?.code).toBe('DEMO2');
    expect(ev!.clinic?.name).toBeTruthy();
  });

  it('names the user an event is about instead of its UUID', async () => {
    const [ev] = (await search('action=auth.login&actor=radiologist')) as unknown as {
      resourceName: string | null;
    }[];
    expect(ev!.resourceName).toMatch(/\(radiologist\)$/);
  });

  it('offers every clinic by name to an auditor, and filters by the one picked', async () => {
    const res = await auditor.request({ method: 'GET', url: '/api/audit/clinics' });
    expect(res.statusCode).toBe(200);
    const demo2 = (res.json() as { id: string; code: string; name: string }[]).find(
      (c) => c.code === 'DEMO2',
    );
    expect(demo2?.name).toBeTruthy();
    const events = await search(`clinicId=${demo2!.id}`);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.clinic?.code === 'DEMO2')).toBe(true);
    const c1 = await signIn(fx.app, 'clinic1');
    expect((await c1.request({ method: 'GET', url: '/api/audit/clinics' })).statusCode).toBe(403);
  });

  it('hides list refreshes with one switch; they are still recorded', async () => {
    const shown = (await search('limit=500')).map((e) => e.action);
    expect(shown).toContain('worklist.list');
    expect(shown).toContain('notifications.list');
    const hidden = (await search('limit=500&refreshes=hide')).map((e) => e.action);
    expect(hidden).not.toContain('worklist.list');
    expect(hidden).not.toContain('notifications.list');
    expect(hidden).toContain('archive.study.read');
  });
});
