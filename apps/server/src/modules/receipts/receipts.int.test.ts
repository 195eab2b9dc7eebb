import type { ClinicReceipt, DeliveryPage, ReportRecord } from '@telerad/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installAuditRefusal } from '../../testing/auditRefusal';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { processRelease } from '../delivery';
import { deliveryDeps, releasedReport, type Released } from '../delivery/testSupport';

/**
 * Clinic receipts on a real database, through the real read paths: the clinic viewing a report
 * (the portal's report and study pages, the PDF in the browser) and downloading it (the PDF with
 * `?download=1`, a FHIR fetch with the clinic's API token) is recorded once per kind, counted
 * after; staff reading the same report records nothing; staff see it on the report and on the
 * deliveries list, which can list the portal deliveries nobody opened.
 */
let fx: AppFixture;
const c: Record<string, TestClient> = {};

beforeAll(async () => {
  fx = await appWithDemo();
  for (const n of ['radiologist', 'clinic1', 'clinic2', 'support', 'assistant'])
    c[n] = await signIn(fx.app, n);
});
afterAll(async () => fx?.close());

const rows = (reportId: string) =>
  fx.tdb.db
    .selectFrom('report_receipts')
    .selectAll()
    .where('report_id', '=', reportId)
    .orderBy('kind')
    .execute();

async function release(): Promise<Released> {
  const rel = await releasedReport(fx, c.radiologist!, 'DEMO1');
  expect(await processRelease(deliveryDeps(fx), rel)).toBe(true);
  return rel;
}

/** Reads `url` as `who` and expects 200. */
async function read(who: string, url: string, headers: Record<string, string> = {}) {
  const res = await c[who]!.request({ url, headers });
  expect(res.statusCode, `${who} ${url}: ${res.body.slice(0, 200)}`).toBe(200);
  return res;
}

const staffReceipt = async (reportId: string): Promise<ClinicReceipt | null | undefined> =>
  (await read('assistant', `/api/reports/${reportId}`)).json<ReportRecord>().clinicReceipt;

describe('clinic receipts', () => {
  it('are not written when staff view, print or download the report; staff list the unopened', async () => {
    const rel = await release();
    for (const who of ['radiologist', 'support', 'assistant']) {
      await read(who, `/api/reports/${rel.reportId}`);
      await read(who, `/api/studies/${rel.studyUid}/reports`);
      await read(who, `/api/reports/${rel.reportId}/pdf`);
      await read(who, `/api/reports/${rel.reportId}/pdf?download=1`);
    }
    expect(await rows(rel.reportId)).toEqual([]);
    // The staff view says so: released, not yet opened by the clinic.
    expect(await staffReceipt(rel.reportId)).toEqual({
      version: 1,
      viewed: null,
      downloaded: null,
    });
    const unopened = async (who: string, opened: 'yes' | 'no') =>
      (await read(who, `/api/reports?clinicOpened=${opened}&limit=200`))
        .json<{ reports: ReportRecord[] }>()
        .reports.map((r) => r.id);
    expect(await unopened('assistant', 'no')).toContain(rel.reportId);
    expect(await unopened('assistant', 'yes')).not.toContain(rel.reportId);
    // For the clinic the filter is ignored: its own reports, opened or not.
    expect(await unopened('clinic1', 'yes')).toContain(rel.reportId);
    await read('clinic1', `/api/reports/${rel.reportId}`);
    expect(await unopened('assistant', 'no')).not.toContain(rel.reportId);
    expect(await unopened('assistant', 'yes')).toContain(rel.reportId);
  });

  it('record the clinic viewing once, then count; downloading is its own kind', async () => {
    const rel = await release();
    const clinic = await fx.tdb.db
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('username', '=', 'clinic1')
      .executeTakeFirstOrThrow();

    const mine = await read('clinic1', `/api/reports/${rel.reportId}`);
    // Clinic users never get the receipt itself.
    expect(mine.json<ReportRecord>()).not.toHaveProperty('clinicReceipt');
    let [viewed] = await rows(rel.reportId);
    expect(viewed).toMatchObject({
      kind: 'viewed',
      version: 1,
      times: 1,
      first_user_id: clinic.id,
      first_by: clinic.display_name,
      first_via: 'portal',
      last_via: 'portal',
    });
    const firstAt = viewed!.first_at;

    await read('clinic1', `/api/studies/${rel.studyUid}/reports`);
    await read('clinic1', `/api/reports/${rel.reportId}/pdf`);
    const after = await rows(rel.reportId);
    expect(after).toHaveLength(1);
    viewed = after[0];
    expect(viewed).toMatchObject({
      kind: 'viewed',
      times: 3,
      first_via: 'portal',
      last_via: 'pdf',
    });
    expect(viewed!.first_at).toEqual(firstAt);
    expect(viewed!.last_at.getTime()).toBeGreaterThanOrEqual(firstAt.getTime());

    await read('clinic1', `/api/reports/${rel.reportId}/pdf?download=1`);
    await read('clinic1', `/api/reports/${rel.reportId}/pdf?download=1`);
    const [d, v] = await rows(rel.reportId); // by kind: downloaded, viewed
    expect(v).toMatchObject({ kind: 'viewed', times: 3 });
    expect(d).toMatchObject({
      kind: 'downloaded',
      times: 2,
      first_by: clinic.display_name,
      last_via: 'pdf',
    });

    const seen = await staffReceipt(rel.reportId);
    expect(seen?.viewed).toMatchObject({ firstBy: clinic.display_name, times: 3, lastVia: 'pdf' });
    expect(seen?.downloaded).toMatchObject({ times: 2 });
    expect(seen?.viewed?.firstAt).toBe(firstAt.toISOString());
    // Staff reading it again changed nothing.
    expect((await rows(rel.reportId)).map((r) => r.times)).toEqual([2, 3]);
  });

  it("count the clinic system's FHIR fetch with its API token as downloaded", async () => {
    const rel = await release();
    const token = await c.clinic1!.request({
      method: 'POST',
      url: '/api/auth/tokens',
      payload: { name: 'clinic PACS' },
    });
    expect(token.statusCode, token.body).toBe(200);
    const bearer = { authorization: `Bearer ${token.json<{ token: string }>().token}` };
    const fetched = await fx.app.inject({
      url: `/api/fhir/DiagnosticReport/${rel.reportId}`,
      headers: { ...bearer, accept: 'application/fhir+json' },
    });
    expect(fetched.statusCode, fetched.body).toBe(200);
    const searched = await fx.app.inject({
      url: `/api/fhir/DiagnosticReport?study=${rel.studyUid}`,
      headers: { ...bearer, accept: 'application/fhir+json' },
    });
    expect(searched.statusCode, searched.body).toBe(200);
    const [d] = await rows(rel.reportId);
    expect(d).toMatchObject({ kind: 'downloaded', times: 2, last_via: 'fhir' });
    expect(await rows(rel.reportId)).toHaveLength(1);
  });

  it('are not written for another clinic, a HEAD request, or an answer the audit withheld', async () => {
    const rel = await release();
    const other = await c.clinic2!.request({ url: `/api/reports/${rel.reportId}` });
    expect(other.statusCode).toBe(404);
    const otherPdf = await c.clinic2!.request({ url: `/api/reports/${rel.reportId}/pdf` });
    expect(otherPdf.statusCode).toBe(404);
    expect(await rows(rel.reportId)).toEqual([]);
    // A HEAD request answers the headers of the same route, and carries no report.
    for (const url of [
      `/api/reports/${rel.reportId}`,
      `/api/reports/${rel.reportId}/pdf?download=1`,
    ]) {
      const head = await c.clinic1!.request({ method: 'HEAD', url });
      expect(head.statusCode, url).toBe(200);
    }
    expect(await rows(rel.reportId)).toEqual([]);

    const refusal = await installAuditRefusal(fx.tdb.db);
    await refusal.refuse('report.read');
    await refusal.refuse('report.pdf.read');
    try {
      const withheld = await c.clinic1!.request({ url: `/api/reports/${rel.reportId}` });
      expect(withheld.json().error.code).toBe('AUDIT_UNAVAILABLE');
      const pdf = await c.clinic1!.request({ url: `/api/reports/${rel.reportId}/pdf?download=1` });
      expect(pdf.json().error.code).toBe('AUDIT_UNAVAILABLE');
      // The clinic was given nothing, so nothing is marked as seen.
      expect(await rows(rel.reportId)).toEqual([]);
    } finally {
      await refusal.allowAll();
    }
  });
});

describe('the deliveries list', () => {
  const list = async (query: string) =>
    (await read('support', `/api/deliveries?limit=500${query}`)).json<DeliveryPage>();

  it('shows the portal channel with its receipt, counts it, and lists the unopened', async () => {
    const rel = await release();
    const portalRow = (page: DeliveryPage) =>
      page.items.find((d) => d.reportId === rel.reportId && d.channel === 'pdf');

    const before = await list('');
    expect(portalRow(before)).toMatchObject({
      state: 'delivered',
      patientId: expect.stringMatching(/^DLV-DEMO1-/),
      clinicReceipt: { version: 1, viewed: null, downloaded: null },
    });
    const p0 = before.counts.portal;
    expect(p0.notOpened).toBe(p0.delivered - p0.opened);
    const unopened = await list('&opened=no');
    expect(portalRow(unopened)).toBeDefined();
    expect(unopened.items.every((d) => d.channel === 'pdf' && d.state === 'delivered')).toBe(true);
    expect(
      unopened.items.every((d) => !d.clinicReceipt?.viewed && !d.clinicReceipt?.downloaded),
    ).toBe(true);
    // Longest waiting first: the ones to chase.
    const times = unopened.items.map((d) => d.deliveredAt!);
    expect([...times].sort()).toEqual(times);

    await read('clinic1', `/api/reports/${rel.reportId}`);

    const after = await list('');
    expect(portalRow(after)?.clinicReceipt?.viewed).toMatchObject({ times: 1 });
    expect(after.counts.portal).toEqual({
      delivered: p0.delivered,
      opened: p0.opened + 1,
      notOpened: p0.notOpened - 1,
    });
    expect(portalRow(await list('&opened=no'))).toBeUndefined();
    expect(portalRow(await list('&opened=yes'))).toBeDefined();
  });
});
