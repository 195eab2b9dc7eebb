import type { ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { SOP } from './dicomObjects';
import { startReleaseConsumer } from './consumer';
import { processRelease, runDueDeliveries } from './runner';
import {
  abnormalReport,
  deliveryDeps,
  freePort,
  registerPacs,
  releasedReport,
  startStorescp,
} from './testSupport';
import { verifyWebhookSignature } from './webhook';

/**
 * Delivery channels against real peers: a DCMTK storescp as the clinic PACS (C-STORE of the SR
 * and the Encapsulated PDF), a local HTTP server as the clinic's webhook, retries with backoff,
 * and the `report.released` queue end to end.
 */
let fx: AppFixture;
let dir: string;
let reader: TestClient;
const peers: ChildProcess[] = [];

beforeAll(async () => {
  fx = await appWithDemo();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-delivery-'));
  reader = await signIn(fx.app, 'radiologist');
});
afterEach(async () => {
  for (const p of peers.splice(0)) p.kill();
  await fx.tdb.db.deleteFrom('clinic_ae_titles').where('position', '=', 9).execute();
});
afterAll(async () => {
  for (const p of peers) p.kill();
  await fx?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(cmd, args, (err, stdout, stderr) =>
      err ? reject(new Error(`${cmd}: ${stderr || err.message}`)) : resolve(stdout),
    ),
  );
}

/** stdout and stderr of a command that may exit non-zero (dciodvfy reports on stderr). */
function runAll(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve) =>
    execFile(cmd, args, (_err, stdout, stderr) => resolve(`${stdout}${stderr}`)),
  );
}

/** One dumped attribute value, e.g. `(0008,0016) UI =EnhancedSRStorage`. */
const attr = (dump: string, tag: string) =>
  new RegExp(`^\\(${tag}\\) \\w\\w (?:\\[([^\\]]*)\\]|=(\\S+))`, 'm')
    .exec(dump)
    ?.slice(1)
    .find(Boolean);

const deliveriesOf = (reportId: string) =>
  fx.tdb.db
    .selectFrom('deliveries')
    .selectAll()
    .where('report_id', '=', reportId)
    .orderBy('channel')
    .execute();

const attemptsOf = (deliveryId: string) =>
  fx.tdb.db
    .selectFrom('delivery_attempts')
    .select(['outcome', 'error'])
    .where('delivery_id', '=', deliveryId)
    .orderBy('id')
    .execute();

/** The files storescp wrote, dumped. */
async function received(into: string): Promise<{ file: string; dump: string }[]> {
  const files = fs.readdirSync(into).map((f) => path.join(into, f));
  return Promise.all(
    files.map(async (file) => ({
      file,
      dump: await run('dcmdump', [
        '-M',
        '+P',
        '0008,0016',
        '+P',
        '0020,000d',
        '+P',
        '0020,000e',
        '+P',
        '0008,0018',
        file,
      ]),
    })),
  );
}

describe('DICOM to the clinic PACS', () => {
  it('sends an Enhanced SR and an Encapsulated PDF of the portal PDF, in the study, by C-STORE', async () => {
    const port = await freePort();
    const into = path.join(dir, 'pacs1');
    peers.push(await startStorescp('DEMO1PACS', port, into));
    await registerPacs(fx, 'DEMO1', 'DEMO1PACS', port);
    const rel = await releasedReport(fx, reader, 'DEMO1', abnormalReport());
    expect(await processRelease(deliveryDeps(fx), rel)).toBe(true);

    const rows = await deliveriesOf(rel.reportId);
    expect(rows.map((d) => [d.channel, d.target, d.state, d.attempts])).toEqual([
      ['dicom', 'DEMO1PACS', 'delivered', 1],
      ['pdf', 'portal', 'delivered', 1],
    ]);
    const files = await received(into);
    expect(files).toHaveLength(2);
    const bySop = new Map(files.map((f) => [attr(f.dump, '0008,0016'), f]));
    const sr = bySop.get('EnhancedSRStorage')!;
    const enc = bySop.get('EncapsulatedPDFStorage')!;
    expect(sr && enc).toBeTruthy();
    for (const f of [sr, enc]) {
      expect(attr(f.dump, '0020,000d')).toBe(rel.studyUid);
      const series = attr(f.dump, '0020,000e');
      const imageSeries = await fx.tdb.db
        .selectFrom('series')
        .select('series_uid')
        .where('study_id', '=', rel.studyId)
        .execute();
      expect(imageSeries.map((s) => s.series_uid)).not.toContain(series);
    }
    // They are kept as files, not in the study index (no reading task, no new instances).
    const indexed = await fx.tdb.db
      .selectFrom('instances')
      .select('sop_class_uid')
      .where('study_id', '=', rel.studyId)
      .execute();
    expect(indexed.map((i) => i.sop_class_uid)).not.toContain(SOP.enhancedSr);

    // The SR carries the report as text; the encapsulated PDF is the portal PDF, byte for byte.
    const full = await run('dcmdump', [sr.file]);
    expect(full).toContain('Left apical pleural thickening and cardiomegaly; no active TB.');
    expect(full).toContain('(0040,a493) CS [VERIFIED]');
    expect(full).toMatch(/\[smooth_pleural_thickening\]/);
    // DCMTK's SR reader checks the relationship constraints of the SR IOD and refuses the
    // object on any violation; the DS-3030 title's "—" reads back as sent (UTF-8 once).
    const sr3 = await runAll('dsrdump', ['+Pl', sr.file]);
    expect(
      sr3.split('\n').filter((l) => /^[EF]:|invalid/i.test(l)),
      sr3,
    ).toEqual([]);
    expect(sr3).toContain('DS-3030 Tuberculosis Worksheet — Section 3');
    // The IOD checker of dicom3tools (installed by .ci/run): no errors in either object.
    for (const f of [sr, enc]) {
      const check = await runAll('dciodvfy', [f.file]);
      expect(
        check.split('\n').filter((l) => l.startsWith('Error')),
        check,
      ).toEqual([]);
    }
    const extracted = path.join(dir, 'extracted.pdf');
    await run('dcm2pdf', [enc.file, extracted]);
    const clinic1 = await signIn(fx.app, 'clinic1');
    const portal = await clinic1.request({ url: `/api/reports/${rel.reportId}/pdf?version=1` });
    expect(portal.statusCode).toBe(200);
    expect(fs.readFileSync(extracted).equals(portal.rawPayload)).toBe(true);
  });

  it('retries a PACS that is down with backoff, and delivers once it is up', async () => {
    const port = await freePort();
    await registerPacs(fx, 'DEMO1', 'DEMO1LATE', port);
    const rel = await releasedReport(fx, reader, 'DEMO1');
    const deps = deliveryDeps(fx, { retryBaseSeconds: 0 });
    await processRelease(deps, rel);
    let dicom = (await deliveriesOf(rel.reportId)).find((d) => d.channel === 'dicom')!;
    expect(dicom).toMatchObject({ state: 'pending', attempts: 1 });
    expect(dicom.last_error).toMatch(/ECONNREFUSED|network/);

    const into = path.join(dir, 'pacs-late');
    peers.push(await startStorescp('DEMO1LATE', port, into));
    expect(await runDueDeliveries(deps)).toBeGreaterThanOrEqual(1);
    dicom = (await deliveriesOf(rel.reportId)).find((d) => d.channel === 'dicom')!;
    expect(dicom).toMatchObject({ state: 'delivered', attempts: 2, last_error: null });
    expect((await attemptsOf(dicom.id)).map((a) => a.outcome)).toEqual(['failed', 'delivered']);
    expect(fs.readdirSync(into)).toHaveLength(2);
  });

  it('fails after its attempts, shows the failure to support, and a support retry delivers', async () => {
    const port = await freePort();
    await registerPacs(fx, 'DEMO1', 'DEMO1DOWN', port);
    const rel = await releasedReport(fx, reader, 'DEMO1');
    const deps = deliveryDeps(fx, { maxAttempts: 2, retryBaseSeconds: 0 });
    await processRelease(deps, rel);
    await runDueDeliveries(deps);
    const failed = (await deliveriesOf(rel.reportId)).find((d) => d.channel === 'dicom')!;
    expect(failed).toMatchObject({ state: 'failed', attempts: 2 });
    expect(await runDueDeliveries(deps)).toBe(0); // spent: no more automatic attempts
    const alerts = await fx.tdb.db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.user_id')
      .select(['users.username', 'notifications.title', 'notifications.body'])
      .where('notifications.kind', '=', 'delivery.failed')
      .where('notifications.title', 'like', '%DEMO1DOWN%')
      .execute();
    expect(alerts.map((a) => a.username)).toEqual(['support']);
    expect(alerts[0]!.body).toMatch(/2 attempts; last error: network error/);

    const support = await signIn(fx.app, 'support');
    const list = await support.request({ url: '/api/deliveries?state=failed' });
    expect(list.statusCode).toBe(200);
    const item = list.json().items.find((d: { id: string }) => d.id === failed.id);
    expect(item).toMatchObject({ state: 'failed', attempts: 2, channel: 'dicom' });
    expect(item.lastError).toMatch(/ECONNREFUSED|network/);
    expect(item.recentAttempts).toHaveLength(2);

    const into = path.join(dir, 'pacs-down');
    peers.push(await startStorescp('DEMO1DOWN', port, into));
    const retry = await support.request({
      method: 'POST',
      url: `/api/deliveries/${failed.id}/retry`,
    });
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.json()).toMatchObject({ state: 'delivered', attempts: 3, lastError: null });
    expect(fs.readdirSync(into)).toHaveLength(2);
    const again = await support.request({
      method: 'POST',
      url: `/api/deliveries/${failed.id}/retry`,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('DELIVERY_NOT_RETRYABLE');
  });

  it('sends nothing to an AE whose "receives reports" box is cleared', async () => {
    const admin = await signIn(fx.app, 'admin');
    const demo1 = (await admin.request({ url: '/api/clinics' }))
      .json()
      .find((x: { code: string }) => x.code === 'DEMO1');
    const original = demo1.aeTitles;
    const patch = (aeTitles: unknown) =>
      admin.request({ method: 'PATCH', url: `/api/clinics/${demo1.id}`, payload: { aeTitles } });
    try {
      const port = await freePort();
      const res = await patch([
        ...original,
        { aeTitle: 'DEMO1NOREP', host: '127.0.0.1', port, receivesReports: false },
      ]);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().aeTitles.at(-1)).toMatchObject({
        aeTitle: 'DEMO1NOREP',
        port,
        receivesReports: false,
      });
      const rel = await releasedReport(fx, reader, 'DEMO1');
      await processRelease(deliveryDeps(fx), rel);
      expect((await deliveriesOf(rel.reportId)).map((d) => d.channel)).toEqual(['pdf']);
    } finally {
      await patch(original);
    }
  });
});

describe('webhook', () => {
  it('POSTs the signed event; a failure is retried and the next attempt succeeds', async () => {
    const got: { headers: http.IncomingHttpHeaders; body: string }[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        got.push({ headers: req.headers, body });
        res.writeHead(got.length === 1 ? 503 : 204).end(got.length === 1 ? 'busy' : undefined);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/telerad`;
      const admin = await signIn(fx.app, 'admin');
      const demo2 = await fx.tdb.db
        .selectFrom('clinics')
        .select('id')
        .where('code', '=', 'DEMO2')
        .executeTakeFirstOrThrow();
      const set = await admin.request({
        method: 'PUT',
        url: `/api/clinics/${demo2.id}/webhook`,
        payload: { url },
      });
      expect(set.statusCode, set.body).toBe(200);
      const secret = set.json().secret as string;
      expect(secret).toMatch(/^whsec_/);

      const rel = await releasedReport(fx, reader, 'DEMO2');
      const deps = deliveryDeps(fx);
      await processRelease(deps, rel);
      let hook = (await deliveriesOf(rel.reportId)).find((d) => d.channel === 'webhook')!;
      expect(hook).toMatchObject({ state: 'pending', attempts: 1, target: url });
      expect(hook.last_error).toBe('webhook answered HTTP 503: busy');
      await runDueDeliveries(deps);
      hook = (await deliveriesOf(rel.reportId)).find((d) => d.channel === 'webhook')!;
      expect(hook).toMatchObject({ state: 'delivered', attempts: 2 });

      expect(got).toHaveLength(2);
      for (const g of got) {
        const ts = String(g.headers['x-telerad-timestamp']);
        const sig = String(g.headers['x-telerad-signature']);
        expect(g.headers['content-type']).toBe('application/json');
        expect(verifyWebhookSignature(secret, ts, g.body, sig)).toBe(true);
        expect(verifyWebhookSignature('wrong', ts, g.body, sig)).toBe(false);
        expect(JSON.parse(g.body)).toEqual({
          event: 'report.released',
          reportId: rel.reportId,
          version: 1,
          studyInstanceUid: rel.studyUid,
          clinicCode: 'DEMO2',
          releasedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          links: {
            pdf: `http://telerad.test/api/reports/${rel.reportId}/pdf?version=1`,
            fhir: `http://telerad.test/api/fhir/DiagnosticReport/${rel.reportId}`,
          },
        });
      }
    } finally {
      server.close();
    }
  });
});

describe('the report.released queue', () => {
  it('delivers a report signed through the API, from the job the release enqueued', async () => {
    const consumer = await startReleaseConsumer({ deps: deliveryDeps(fx), boss: fx.jobs });
    try {
      const rel = await releasedReport(fx, reader, 'DEMO1');
      const end = Date.now() + 30_000;
      let rows = await deliveriesOf(rel.reportId);
      while (!rows.some((d) => d.state === 'delivered') && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 100));
        rows = await deliveriesOf(rel.reportId);
      }
      expect(rows.map((d) => [d.channel, d.state])).toEqual([['pdf', 'delivered']]);
    } finally {
      await consumer.stop();
    }
  });
});
