import { once } from 'node:events';
import { deliveryChannelName } from '@telerad/contracts';
import { Server, type Inbound } from 'node-hl7-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { processRelease, runDueDeliveries } from './runner';
import { abnormalReport, deliveryDeps, freePort, releasedReport } from './testSupport';

/**
 * The `hl7` channel against an independent receiver: node-hl7-server (a different HL7 library
 * from the @medplum/hl7 client that sends) listens on MLLP, parses each ORU^R01 and answers the
 * acknowledgement the test asks for. Destinations are registered through the admin API.
 */
let fx: AppFixture;
let reader: TestClient;
let admin: TestClient;
const listeners: Inbound[] = [];

/** A received message, parsed by node-hl7-client (node-hl7-server's parser). */
type Received = ReturnType<Parameters<Parameters<Server['createInbound']>[1]>[0]['getMessage']>;

beforeAll(async () => {
  fx = await appWithDemo();
  reader = await signIn(fx.app, 'radiologist');
  admin = await signIn(fx.app, 'admin');
});
afterEach(async () => {
  for (const l of listeners.splice(0)) await l.close();
  await fx.tdb.db.deleteFrom('clinic_hl7_destinations').execute();
});
afterAll(async () => {
  for (const l of listeners) await l.close();
  await fx?.close();
});

/** An MLLP receiver on `port` that answers each message with the next of `answers` (the last repeats). */
async function receiver(port: number, answers: ('AA' | 'AE' | 'AR')[] = ['AA']) {
  const got: Received[] = [];
  const server = new Server({ bindAddress: '127.0.0.1' });
  const inbound = server.createInbound({ port }, async (req, res) => {
    got.push(req.getMessage());
    await res.sendResponse(answers[Math.min(got.length - 1, answers.length - 1)]!);
  });
  listeners.push(inbound);
  await once(inbound, 'listen');
  return got;
}

async function clinicId(code: string): Promise<string> {
  const c = await fx.tdb.db
    .selectFrom('clinics')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return c.id;
}

async function addDestination(code: string, port: number, receivingApplication: string) {
  const res = await admin.request({
    method: 'POST',
    url: `/api/clinics/${await clinicId(code)}/hl7-destinations`,
    payload: { host: '127.0.0.1', port, receivingApplication, receivingFacility: 'CLINIC-LAB' },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: string };
}

const hl7Delivery = async (reportId: string, version = 1) =>
  fx.tdb.db
    .selectFrom('deliveries')
    .selectAll()
    .where('report_id', '=', reportId)
    .where('version', '=', version)
    .where('channel', '=', 'hl7')
    .executeTakeFirstOrThrow();

/** Each OBX of a message with its fields by path within the segment (`3.1`, `11`). */
function eachObx(m: Received): ((path: string) => string)[] {
  const out: ((path: string) => string)[] = [];
  m.get('OBX').forEach((s) => out.push((path) => s.get(path).toString()));
  return out;
}

/** Each OBX of a message as [OBX-3.1, OBX-4, OBX-5.1, OBX-5.2, OBX-5.3]. */
const observations = (m: Received) =>
  eachObx(m).map((o) => ['3.1', '4', '5.1', '5.2', '5.3'].map(o));

/** The value of the OBX whose identifier is `code`. */
const obxText = (m: Received, code: string) =>
  eachObx(m).find((o) => o('3.1') === code)?.('5') ?? '';

describe('HL7 v2 ORU^R01 to a clinic destination', () => {
  it('delivers the signed report with its identity, order numbers, coded result and text', async () => {
    const port = await freePort();
    const got = await receiver(port);
    const dest = await addDestination('DEMO1', port, 'RIS-DEMO1');
    const rel = await releasedReport(fx, reader, 'DEMO1', abnormalReport());
    // The study answers an order that came by HL7: its placer number goes back as ORC-2.
    const study = await fx.tdb.db
      .selectFrom('studies')
      .select(['patient_id', 'clinic_id'])
      .where('id', '=', rel.studyId)
      .executeTakeFirstOrThrow();
    await fx.tdb.db
      .insertInto('orders')
      .values({
        clinic_id: study.clinic_id,
        accession_number: 'ACC-HL7-1',
        patient_id: study.patient_id,
        issuer: 'PASSPORT-PH',
        patient_name: 'DELIVERY^PATIENT',
        birth_date: '1990-05-06',
        sex: 'F',
        programme: 'US',
        views: ['PA'],
        priority: 'routine',
        scheduled_date: '2026-03-04',
        source: 'hl7',
        status: 'matched',
        external_id: 'PLACER-77',
        study_instance_uid: `2.25.${Date.now()}`,
        study_id: rel.studyId,
        matched_at: new Date(),
        match_method: 'accession',
      })
      .execute();

    await processRelease(deliveryDeps(fx), rel);
    const d = await hl7Delivery(rel.reportId);
    expect(d).toMatchObject({ state: 'delivered', attempts: 1, target: dest.id, last_error: null });
    expect(got).toHaveLength(1);
    const m = got[0]!;
    const f = (p: string) => m.get(p).toString();
    expect([f('MSH.9.1'), f('MSH.9.2'), f('MSH.12'), f('MSH.5'), f('MSH.6')]).toEqual([
      'ORU',
      'R01',
      '2.5.1',
      'RIS-DEMO1',
      'CLINIC-LAB',
    ]);
    expect([f('PID.3.1'), f('PID.3.4'), f('PID.5.1'), f('PID.5.2')]).toEqual([
      study.patient_id,
      'PASSPORT-PH',
      'DELIVERY',
      expect.stringMatching(/^PATIENT\d+$/),
    ]);
    expect([f('ORC.1'), f('ORC.2'), f('ORC.3')]).toEqual(['RE', 'PLACER-77', 'ACC-HL7-1']);
    expect([f('OBR.2'), f('OBR.3'), f('OBR.25'), f('OBR.24')]).toEqual([
      'PLACER-77',
      'ACC-HL7-1',
      'F',
      'RAD',
    ]);
    const obx = observations(m);
    // The programme's coded result (the DS-3030 answer), then each finding coded.
    expect(obx[0]).toEqual(['us-ds3030', '', 'abnormal', 'Abnormal', '99TELERAD']);
    expect(obx.filter((o) => o[0] === '121071')).toEqual([
      ['121071', '1', 'smooth_pleural_thickening', expect.any(String), '99TELERAD'],
      ['121071', '2', 'cardiac', expect.any(String), '99TELERAD'],
    ]);
    const text = (code: string) => obxText(m, code);
    expect(text('121073')).toBe('Left apical pleural thickening and cardiomegaly; no active TB.');
    expect(text('121070')).toContain('Chest X-ray: Abnormal');
    expect(text('121070')).toContain('Remarks: Cardiomegaly noted.');
    // Every observation names the reader and the signing time, final.
    const signed = await fx.tdb.db
      .selectFrom('reports')
      .select(['signed_at', 'signer_name'])
      .where('id', '=', rel.reportId)
      .executeTakeFirstOrThrow();
    const signedAt = signed.signed_at!.toISOString().slice(0, 19).replace(/[-:T]/g, '');
    for (const o of eachObx(m)) {
      expect(o('11')).toBe('F');
      expect(o('19').slice(0, 12)).toBe(signedAt.slice(0, 12));
      expect(signed.signer_name).toContain(o('16.2'));
    }
    expect(signed.signer_name).toContain(f('OBR.32.1.2'));

    // Support's list names the channel plainly.
    const support = await signIn(fx.app, 'support');
    const list = await support.request({ url: `/api/deliveries?reportId=${rel.reportId}` });
    const item = list.json().items.find((x: { channel: string }) => x.channel === 'hl7');
    expect(item).toMatchObject({ target: dest.id, targetLabel: 'RIS-DEMO1 at CLINIC-LAB' });
    expect(deliveryChannelName(item)).toBe('HL7 to RIS-DEMO1 at CLINIC-LAB');
  });

  it('fails an attempt the receiver answers AE, with its answer, and delivers on the retry', async () => {
    const port = await freePort();
    const got = await receiver(port, ['AE', 'AA']);
    await addDestination('DEMO2', port, 'RIS-DEMO2');
    const rel = await releasedReport(fx, reader, 'DEMO2');
    const deps = deliveryDeps(fx);
    await processRelease(deps, rel);
    let d = await hl7Delivery(rel.reportId);
    expect(d).toMatchObject({ state: 'pending', attempts: 1 });
    expect(d.last_error).toMatch(/^HL7 to 127\.0\.0\.1:\d+ answered AE/);
    await runDueDeliveries(deps);
    d = await hl7Delivery(rel.reportId);
    expect(d).toMatchObject({ state: 'delivered', attempts: 2, last_error: null });
    const attempts = await fx.tdb.db
      .selectFrom('delivery_attempts')
      .select(['outcome', 'error'])
      .where('delivery_id', '=', d.id)
      .orderBy('id')
      .execute();
    expect(attempts.map((a) => a.outcome)).toEqual(['failed', 'delivered']);
    expect(attempts[0]!.error).toMatch(/answered AE/);
    // The re-sent message is the same message: one control id a receiver can de-duplicate on.
    expect(got).toHaveLength(2);
    expect(got[1]!.get('MSH.10').toString()).toBe(got[0]!.get('MSH.10').toString());
  });

  it('retries a receiver that is down, fails after its attempts and alerts support', async () => {
    const port = await freePort();
    await addDestination('DEMO1', port, 'RIS-DOWN');
    const rel = await releasedReport(fx, reader, 'DEMO1');
    const deps = deliveryDeps(fx, { maxAttempts: 2 });
    await processRelease(deps, rel);
    let d = await hl7Delivery(rel.reportId);
    expect(d).toMatchObject({ state: 'pending', attempts: 1 });
    expect(d.last_error).toMatch(/ECONNREFUSED/);
    await runDueDeliveries(deps);
    d = await hl7Delivery(rel.reportId);
    expect(d).toMatchObject({ state: 'failed', attempts: 2 });
    const alerts = await fx.tdb.db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.user_id')
      .select(['users.username', 'notifications.body'])
      .where('notifications.kind', '=', 'delivery.failed')
      .select('notifications.title')
      .where('notifications.title', 'like', '%RIS-DOWN%')
      .execute();
    expect(alerts.map((a) => a.username)).toEqual(['support']);
    expect(alerts[0]!.title).toBe(
      `Report delivery failed: DEMO1 hl7 to RIS-DOWN (127.0.0.1:${port})`,
    );
    expect(alerts[0]!.body).toMatch(/2 attempts; last error: .*ECONNREFUSED/);

    // Up again: a support retry delivers.
    const got = await receiver(port);
    const support = await signIn(fx.app, 'support');
    const retry = await support.request({ method: 'POST', url: `/api/deliveries/${d.id}/retry` });
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.json()).toMatchObject({
      state: 'delivered',
      attempts: 3,
      targetLabel: 'RIS-DOWN at CLINIC-LAB',
    });
    expect(got).toHaveLength(1);
  });

  it('sends an amended version as a new ORU with result status C', async () => {
    const port = await freePort();
    const got = await receiver(port);
    await addDestination('DEMO1', port, 'RIS-AMEND');
    const rel = await releasedReport(fx, reader, 'DEMO1', abnormalReport());
    const deps = deliveryDeps(fx);
    await processRelease(deps, rel);
    const consultant = await signIn(fx.app, 'radiologist2');
    const add = await consultant.request({
      method: 'POST',
      url: `/api/reports/${rel.reportId}/addenda`,
      payload: { text: 'Lateral view reviewed: the thickening is pleural.' },
    });
    expect(add.statusCode, add.body).toBe(200);
    await processRelease(deps, { reportId: rel.reportId, version: 2 });
    expect((await hl7Delivery(rel.reportId, 2)).state).toBe('delivered');
    expect(got).toHaveLength(2);
    const [first, amended] = got as [Received, Received];
    expect(first.get('OBR.25').toString()).toBe('F');
    expect(amended.get('OBR.25').toString()).toBe('C');
    expect(eachObx(amended).map((o) => o('11'))).toEqual(eachObx(amended).map(() => 'C'));
    expect(amended.get('MSH.10').toString()).not.toBe(first.get('MSH.10').toString());
    expect(obxText(amended, '121070')).toContain(
      'Addendum: Lateral view reviewed: the thickening is pleural.',
    );
  });
});

describe('HL7 destinations, managed by admins', () => {
  it('are listed for support, changed and removed by admins only, and audited', async () => {
    const demo1 = await clinicId('DEMO1');
    const dest = await addDestination('DEMO1', 2575, 'RIS-ADMIN');
    const dup = await admin.request({
      method: 'POST',
      url: `/api/clinics/${demo1}/hl7-destinations`,
      payload: {
        host: '127.0.0.1',
        port: 2575,
        receivingApplication: 'RIS-ADMIN',
        receivingFacility: 'CLINIC-LAB',
      },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('DUPLICATE_HL7_DESTINATION');
    const bad = await admin.request({
      method: 'POST',
      url: `/api/clinics/${demo1}/hl7-destinations`,
      payload: { host: '127.0.0.1', port: 2575, receivingApplication: 'RIS^X' },
    });
    expect(bad.statusCode).toBe(400);

    const support = await signIn(fx.app, 'support');
    const list = await support.request({ url: `/api/clinics/${demo1}/hl7-destinations` });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual([
      expect.objectContaining({ id: dest.id, receivingApplication: 'RIS-ADMIN', enabled: true }),
    ]);
    const refused = await support.request({
      method: 'PATCH',
      url: `/api/hl7-destinations/${dest.id}`,
      payload: { enabled: false },
    });
    expect(refused.statusCode).toBe(403);

    const off = await admin.request({
      method: 'PATCH',
      url: `/api/hl7-destinations/${dest.id}`,
      payload: { enabled: false, port: 2576 },
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({
      enabled: false,
      port: 2576,
      receivingFacility: 'CLINIC-LAB',
    });
    // A disabled destination is planned no delivery.
    const rel = await releasedReport(fx, reader, 'DEMO1');
    await processRelease(deliveryDeps(fx), rel);
    const channels = await fx.tdb.db
      .selectFrom('deliveries')
      .select('channel')
      .where('report_id', '=', rel.reportId)
      .execute();
    expect(channels.map((c) => c.channel)).toEqual(['pdf']);

    const gone = await admin.request({ method: 'DELETE', url: `/api/hl7-destinations/${dest.id}` });
    expect(gone.statusCode).toBe(204);
    const audit = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('resource_id', '=', dest.id)
      .where('outcome', '=', 'success')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'clinic.hl7_destination.create',
      'clinic.hl7_destination.update',
      'clinic.hl7_destination.delete',
    ]);
    expect(audit[1]!.details).toMatchObject({
      before: { enabled: true, port: 2575 },
      after: { enabled: false, port: 2576 },
    });
  });
});
