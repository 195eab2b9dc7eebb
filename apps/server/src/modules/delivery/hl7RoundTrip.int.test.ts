import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { Server, type Inbound } from 'node-hl7-server';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { writeCxr } from '../../testing/dicomFixtures';
import { signIn, type TestClient } from '../../testing/http';
import { startHl7Listener, type Hl7Listener } from '../hl7';
import { msh, pid, putSenders, seg, sendHl7 } from '../hl7/testSupport';
import { storeInstance } from '../ingest';
import { clinicIdOf } from '../orders/testSupport';
import { claimSaveSign, OPEN } from '../reports/testSupport';
import { createPrimaryReadTask } from '../worklist';
import { processRelease } from './runner';
import { abnormalReport, deliveryDeps, freePort } from './testSupport';

/**
 * HL7 v2 both ways with independent peers: a clinic system sends an ORM^O01 over MLLP with
 * `node-hl7-client`; the order it makes is matched by applicant ID and date when the image
 * arrives; the reader signs; and the ORU^R01 comes back to the clinic's `node-hl7-server`
 * listener carrying the clinic's own placer order number and the order's accession number.
 */
let fx: AppFixture;
let door: Hl7Listener;
let admin: TestClient;
let reader: TestClient;
let demo1: string;
let inbound: Inbound | undefined;

beforeAll(async () => {
  fx = await appWithDemo();
  admin = await signIn(fx.app, 'admin');
  reader = await signIn(fx.app, 'radiologist');
  demo1 = await clinicIdOf(fx.tdb.db, 'DEMO1');
  door = await startHl7Listener({
    db: fx.tdb.db,
    logger: pino({ level: 'silent' }),
    port: 0,
    host: '127.0.0.1',
  });
  const senders = await putSenders(admin, demo1, [
    { sendingApplication: 'CASEMGR', sendingFacility: 'DEMO1' },
  ]);
  expect(senders.statusCode, senders.body).toBe(200);
  const policy = await admin.request({
    method: 'PATCH',
    url: `/api/clinics/${demo1}`,
    payload: { orderPolicy: 'match' },
  });
  expect(policy.statusCode, policy.body).toBe(200);
});
afterAll(async () => {
  await inbound?.close();
  await door?.close();
  await fx?.close();
});

describe('HL7 v2 orders in and results out', () => {
  it('an ORM makes an order, the image is matched to it, and the ORU comes back after signing', async () => {
    // The clinic's results receiver, registered through the admin API.
    const port = await freePort();
    const received: string[] = [];
    const server = new Server({ bindAddress: '127.0.0.1' });
    inbound = server.createInbound({ port }, async (req, res) => {
      received.push(req.getMessage().toString());
      await res.sendResponse('AA');
    });
    await once(inbound, 'listen');
    const dest = await admin.request({
      method: 'POST',
      url: `/api/clinics/${demo1}/hl7-destinations`,
      payload: {
        host: '127.0.0.1',
        port,
        receivingApplication: 'CASEMGR',
        receivingFacility: 'DEMO1',
      },
    });
    expect(dest.statusCode, dest.body).toBe(200);

    // 1. The order, from the clinic's case-management system, with no accession number.
    const ack = await sendHl7(door.port, [
      msh('CASEMGR', 'DEMO1', 'ORM^O01', 'RT-MSG-1'),
      pid('RT-0001', 'OKAFOR', 'ADA'),
      seg('ORC', { 1: 'NW', 2: 'CM-PLACER-9', 7: '^^^20260305093000^^R' }),
      seg('OBR', {
        1: '1',
        2: 'CM-PLACER-9',
        4: 'CXR-US^Chest X-ray PA^L',
        27: '^^^20260305093000^^R',
      }),
    ]);
    expect(ack.code, ack.raw).toBe('AA');
    const order = await fx.tdb.db
      .selectFrom('orders')
      .selectAll()
      .where('clinic_id', '=', demo1)
      .where('external_id', '=', 'CM-PLACER-9')
      .executeTakeFirstOrThrow();
    expect(order).toMatchObject({
      source: 'hl7',
      status: 'scheduled',
      patient_id: 'RT-0001',
      scheduled_date: '2026-03-05',
      programme: 'US',
    });

    // 2. The image: the applicant's ID typed at the unit, no accession number, taken that day.
    const file = await writeCxr(path.join(fx.dataDir, 'hl7-round-trip.dcm'), 'explicitLE', {
      rows: 64,
      columns: 48,
      seed: 77,
      patient: { id: 'RT-0001', name: 'OKAFOR^ADA' },
      study: { accessionNumber: '', studyDate: '20260305' },
    });
    await storeInstance(
      { db: fx.tdb.db, storage: fx.storage, minFreeBytes: 0, maxObjectBytes: 1 << 30 },
      fs.createReadStream(file.path),
      { door: 'stow', clinicId: demo1, userId: null, remoteAddress: '127.0.0.1' },
    );
    const study = await fx.tdb.db
      .selectFrom('studies')
      .select('id')
      .where('study_uid', '=', file.studyInstanceUid)
      .executeTakeFirstOrThrow();
    const task = await createPrimaryReadTask(
      fx.tdb.db,
      { studyId: study.id, stableAt: OPEN.toISOString(), numInstances: 1 },
      OPEN,
    );
    if (task.outcome !== 'created') throw new Error(`no read: ${task.outcome}`);
    const matched = await fx.tdb.db
      .selectFrom('orders')
      .select(['status', 'study_id', 'match_method'])
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow();
    expect(matched).toEqual({
      status: 'matched',
      study_id: study.id,
      match_method: 'patient_date',
    });

    // 3. The reader signs; the release goes out on the clinic's HL7 channel.
    const signed = await claimSaveSign(reader, task.taskId, abnormalReport());
    expect(signed.statusCode, signed.body).toBe(200);
    const report = signed.json().report as { id: string; currentVersion: number };
    await processRelease(deliveryDeps(fx), {
      reportId: report.id,
      version: report.currentVersion,
    });
    const delivery = await fx.tdb.db
      .selectFrom('deliveries')
      .select(['state', 'attempts'])
      .where('report_id', '=', report.id)
      .where('channel', '=', 'hl7')
      .executeTakeFirstOrThrow();
    expect(delivery).toEqual({ state: 'delivered', attempts: 1 });

    // 4. The ORU names the clinic's order the way the clinic's system knows it.
    expect(received).toHaveLength(1);
    const segments = received[0]!.split(/\r\n?|\n/).map((s) => s.split('|'));
    // MSH-1 is the field separator itself, so MSH's fields sit one place left of the others'.
    const field = (name: string, n: number) =>
      segments.find((s) => s[0] === name)?.[name === 'MSH' ? n - 1 : n]?.split('^')[0] ?? '';
    expect(field('MSH', 9)).toBe('ORU');
    expect(field('PID', 3)).toBe('RT-0001');
    expect(field('ORC', 2)).toBe('CM-PLACER-9');
    expect(field('OBR', 2)).toBe('CM-PLACER-9');
    expect(field('OBR', 3)).toBe(order.accession_number);
    expect(field('OBR', 25)).toBe('F');
  });
});
