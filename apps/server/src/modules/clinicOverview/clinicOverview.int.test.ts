import path from 'node:path';
import type {
  ClinicDirectoryAnswer,
  ClinicOverview,
  ClinicTraffic,
  DeliveryPage,
  IncidentListAnswer,
  ThreadList,
} from '@telerad/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { writeCxr } from '../../testing/dicomFixtures';
import { signIn, type TestClient } from '../../testing/http';
import { loadReleasedReport, planDeliveries } from '../delivery';
import { deliveryDeps, releasedReport, type Released } from '../delivery/testSupport';

let fx: AppFixture;
let support: TestClient;
let demo1: string;
let demo2: string;
let dimseStudyUid: string;
let released: Released;
let incidentId: string;

const clinicId = async (code: string) =>
  (
    await fx.tdb.db
      .selectFrom('clinics')
      .select('id')
      .where('code', '=', code)
      .executeTakeFirstOrThrow()
  ).id;

beforeAll(async () => {
  fx = await appWithDemo();
  support = await signIn(fx.app, 'support');
  [demo1, demo2] = [await clinicId('DEMO1'), await clinicId('DEMO2')];
  // One study by C-STORE from the clinic's AE, one by STOW-RS read and released, and one of
  // DEMO2's, which DEMO1's page must never count.
  const file = await writeCxr(path.join(fx.dataDir, 'overview-dimse.dcm'), 'explicitLE', {
    rows: 16,
    columns: 16,
    patient: { name: 'OVERVIEW^DIMSE', id: 'OVW-1' },
  });
  await fx.storeAs('DEMO1', file.path);
  dimseStudyUid = file.studyInstanceUid;
  const other = await writeCxr(path.join(fx.dataDir, 'overview-demo2.dcm'), 'explicitLE', {
    rows: 16,
    columns: 16,
    patient: { name: 'OVERVIEW^OTHER', id: 'OVW-2' },
  });
  await fx.storeAs('DEMO2', other.path);
  released = await releasedReport(fx, await signIn(fx.app, 'radiologist'), 'DEMO1');
  const report = await loadReleasedReport(fx.tdb.db, released.reportId, released.version);
  await planDeliveries(deliveryDeps(fx), report!);
  const other2 = await releasedReport(fx, await signIn(fx.app, 'radiologist'), 'DEMO2');
  await planDeliveries(
    deliveryDeps(fx),
    (await loadReleasedReport(fx.tdb.db, other2.reportId, other2.version))!,
  );
  const qa = await signIn(fx.app, 'qa');
  const incident = await qa.request({
    method: 'POST',
    url: '/api/incidents',
    payload: {
      type: 'transmission_failure',
      severity: 'medium',
      title: 'DEMO1 modality stopped sending',
      clinicIds: [demo1],
    },
  });
  expect(incident.statusCode, incident.body).toBe(200);
  incidentId = incident.json().incident.id;
});
afterAll(async () => fx?.close());

describe("support's clinic pages", () => {
  it('lists every clinic with its last object received and open incidents', async () => {
    const res = await support.request({ method: 'GET', url: '/api/clinic-directory' });
    expect(res.statusCode, res.body).toBe(200);
    const { clinics } = res.json() as ClinicDirectoryAnswer;
    const row = clinics.find((c) => c.code === 'DEMO1')!;
    expect(row.openIncidents).toBe(1);
    // The released study came last, by STOW-RS.
    expect(row.lastImage).toMatchObject({ door: 'stow' });
    expect(row.homeCentreName).toMatch(/Centre/);
    expect(clinics.find((c) => c.code === 'DEMO2')!.openIncidents).toBe(0);
  });

  it("answers a clinic's header: contacts, doors, home centre, last object", async () => {
    const res = await support.request({ method: 'GET', url: `/api/clinics/${demo1}/overview` });
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json() as ClinicOverview;
    expect(o.code).toBe('DEMO1');
    expect(o.aeTitles.map((a) => a.aeTitle)).toContain('DEMO1');
    expect(o.homeCentre.name).toMatch(/Centre/);
    expect(o.lastImage?.door).toBe('stow');
    expect(o.openIncidents).toBe(1);
    expect(Array.isArray(o.contacts)).toBe(true);
  });

  it("counts the clinic's studies per door today and lists the latest, audited", async () => {
    const res = await support.request({ method: 'GET', url: `/api/clinics/${demo1}/traffic` });
    expect(res.statusCode, res.body).toBe(200);
    const t = res.json() as ClinicTraffic;
    expect(t.days).toHaveLength(14);
    const today = t.days.at(-1)!;
    expect(today.counts).toEqual({ dimse: 1, stow: 1 });
    expect(t.days.slice(0, -1).every((d) => Object.keys(d.counts).length === 0)).toBe(true);
    expect(t.recent.map((s) => s.studyUid)).toEqual([released.studyUid, dimseStudyUid]);
    expect(t.recent[1]).toMatchObject({ door: 'dimse', callingAe: 'DEMO1', images: 1 });
    expect(t.recent[0]!.readingStatus).toBe('completed');
    const audit = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['clinic_id', 'details', 'outcome'])
      .where('action', '=', 'clinic.traffic.read')
      .where('resource_id', '=', demo1)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.clinic_id).toBe(demo1);
    expect(audit[0]!.details).toMatchObject({ studies: [released.studyUid, dimseStudyUid] });
  });

  it("narrows deliveries and incidents to one clinic's, counts included", async () => {
    const res = await support.request({
      method: 'GET',
      url: `/api/deliveries?clinicId=${demo1}&limit=50`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as DeliveryPage;
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((d) => d.clinicId === demo1)).toBe(true);
    const counted = page.counts.pending + page.counts.delivered + page.counts.failed;
    expect(counted).toBe(page.total);
    const incidents = await support.request({
      method: 'GET',
      url: `/api/incidents?clinicId=${demo1}&open=1`,
    });
    const list = (incidents.json() as IncidentListAnswer).incidents;
    expect(list.map((i) => i.id)).toEqual([incidentId]);
    expect(list[0]!.clinics).toEqual([{ id: demo1, name: expect.any(String) }]);
    const none = await support.request({
      method: 'GET',
      url: `/api/incidents?clinicId=${demo2}&open=1`,
    });
    expect((none.json() as IncidentListAnswer).incidents).toEqual([]);
    // Both demo clinics' channels exist once opened; the filter keeps DEMO1's alone.
    for (const id of [demo1, demo2])
      await support.request({ method: 'GET', url: `/api/clinics/${id}/channel` });
    const threads = await support.request({
      method: 'GET',
      url: `/api/messaging/threads?clinicId=${demo1}`,
    });
    const listed = (threads.json() as ThreadList).threads;
    expect(listed.map((t) => [t.kind, t.clinicId])).toEqual([['channel', demo1]]);
  });

  it("pages one clinic's deliveries failed first, then retrying, then delivered", async () => {
    const reader = await signIn(fx.app, 'radiologist');
    for (let n = 0; n < 2; n++) {
      const r = await releasedReport(fx, reader, 'DEMO1');
      await planDeliveries(
        deliveryDeps(fx),
        (await loadReleasedReport(fx.tdb.db, r.reportId, r.version))!,
      );
    }
    const ids = (
      await fx.tdb.db
        .selectFrom('deliveries')
        .select('id')
        .where('clinic_id', '=', demo1)
        .orderBy('created_at')
        .execute()
    ).map((r) => r.id);
    expect(ids).toHaveLength(3);
    // The oldest failed, the newest delivered: the page order is by state before time.
    const states = ['failed', 'pending', 'delivered'] as const;
    for (const [n, id] of ids.entries())
      await fx.tdb.db
        .updateTable('deliveries')
        .set({ state: states[n]!, updated_at: new Date(Date.now() - (3 - n) * 60_000) })
        .where('id', '=', id)
        .execute();
    const paged: string[] = [];
    for (let offset = 0; offset < 4; offset++) {
      const res = await support.request({
        method: 'GET',
        url: `/api/deliveries?clinicId=${demo1}&limit=1&offset=${offset}`,
      });
      const page = res.json() as DeliveryPage;
      expect(page.total).toBe(3);
      paged.push(...page.items.map((d) => d.id));
    }
    expect(paged).toEqual(ids);
  });

  it('opens to support, admin and assistants; never to clinic users, own clinic or not', async () => {
    for (const username of ['admin', 'assistant']) {
      const client = await signIn(fx.app, username);
      for (const url of [`/api/clinics/${demo2}/overview`, `/api/clinics/${demo2}/traffic`]) {
        const res = await client.request({ method: 'GET', url });
        expect(res.statusCode, `${username} ${url}`).toBe(200);
      }
    }
    const clinic1 = await signIn(fx.app, 'clinic1');
    for (const id of [demo1, demo2]) {
      for (const url of [`/api/clinics/${id}/overview`, `/api/clinics/${id}/traffic`]) {
        const res = await clinic1.request({ method: 'GET', url });
        expect(res.statusCode, url).toBe(403);
      }
    }
    const directory = await clinic1.request({ method: 'GET', url: '/api/clinic-directory' });
    expect(directory.statusCode).toBe(403);
    const missing = await support.request({
      method: 'GET',
      url: '/api/clinics/00000000-0000-4000-8000-000000000000/traffic',
    });
    expect(missing.statusCode).toBe(404);
  });
});
