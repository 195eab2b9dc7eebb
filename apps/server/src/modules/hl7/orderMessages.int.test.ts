import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { refusalsSettled } from '../monitor';
import { clinicIdOf } from '../orders/testSupport';
import { startHl7Listener, type Hl7Listener } from './listener';
import { msh, pid, putSenders, seg, sendHl7 } from './testSupport';

/**
 * Orders through the MLLP door with an independent sender (`node-hl7-client`) against a real
 * database: ORM^O01 and OMI^O23 become orders of the sender's clinic; malformed segments and
 * fields get AE naming the field, unknown senders and message types AR, a taken accession number
 * AE, and nothing changes; a re-sent order is kept once; a clinic's sender reaches only its own
 * clinic.
 */
let fx: AppFixture;
let door: Hl7Listener;
let admin: TestClient;
let demo1: string;
let demo2: string;
let seq = 0;
const controlId = () => `MSG${++seq}`;

const ordersOf = (clinicId: string) =>
  fx.tdb.db
    .selectFrom('orders')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .orderBy('created_at')
    .execute();
const orderCount = async (clinicId: string) => (await ordersOf(clinicId)).length;
const byPlacer = (clinicId: string, placer: string) =>
  fx.tdb.db
    .selectFrom('orders')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('external_id', '=', placer)
    .execute();

/** An ORM^O01 new order from DEMO1's front desk. */
function orm(placer: string, patientId: string, over: { accession?: string; obr4?: string } = {}) {
  const id = controlId();
  return {
    id,
    segments: [
      msh('FRONTDESK', 'DEMO1', 'ORM^O01', id),
      pid(patientId),
      seg('ORC', { 1: 'NW', 2: placer, 7: '^^^20260305093000^^S' }),
      seg('OBR', {
        1: '1',
        2: placer,
        4: over.obr4 ?? 'CXR-US^Chest X-ray PA and LAT^L',
        18: over.accession ?? '',
        27: '^^^20260305093000^^S',
      }),
      'NTE|1||Applicant coughing since March',
    ],
  };
}

beforeAll(async () => {
  fx = await appWithDemo();
  admin = await signIn(fx.app, 'admin');
  demo1 = await clinicIdOf(fx.tdb.db, 'DEMO1');
  demo2 = await clinicIdOf(fx.tdb.db, 'DEMO2');
  door = await startHl7Listener({
    db: fx.tdb.db,
    logger: pino({ level: 'silent' }),
    port: 0,
    host: '127.0.0.1',
  });
  const a = await putSenders(admin, demo1, [
    { sendingApplication: 'FRONTDESK', sendingFacility: 'DEMO1' },
    { sendingApplication: 'LOCKED', sendingFacility: 'DEMO1', allowedNetworks: ['10.9.0.0/16'] },
  ]);
  expect(a.statusCode, a.body).toBe(200);
  const b = await putSenders(admin, demo2, [
    { sendingApplication: 'RIS2', sendingFacility: 'DEMO2' },
  ]);
  expect(b.statusCode, b.body).toBe(200);
});
afterAll(async () => {
  await door?.close();
  await fx?.close();
});

describe('ORM^O01 and OMI^O23', () => {
  it('an ORM^O01 creates the order, audited with the sender as actor', async () => {
    const m = orm('PL-1001', 'P-HL7-1', { accession: 'ACC-1001' });
    const ack = await sendHl7(door.port, m.segments);
    expect(ack.code, ack.raw).toBe('AA');
    expect(ack.controlId).toBe(m.id);
    const [o] = await byPlacer(demo1, 'PL-1001');
    expect(o).toMatchObject({
      accession_number: 'ACC-1001',
      patient_id: 'P-HL7-1',
      issuer: 'PASSPORT-PH',
      patient_name: 'SANTOS^MARIA',
      birth_date: '1991-05-17',
      sex: 'F',
      programme: 'US',
      views: ['PA', 'LAT'],
      priority: 'stat',
      note: 'Applicant coughing since March',
      scheduled_date: '2026-03-05',
      scheduled_time: '09:30:00',
      source: 'hl7',
      status: 'scheduled',
    });
    const events = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['action', 'actor_name', 'actor_id', 'clinic_id', 'details'])
      .where('resource_id', '=', o!.id)
      .execute();
    expect(events).toEqual([
      expect.objectContaining({
        action: 'order.create',
        actor_name: 'HL7 FRONTDESK^DEMO1',
        actor_id: null,
        clinic_id: demo1,
        details: expect.objectContaining({ placerNumber: 'PL-1001', messageControlId: m.id }),
      }),
    ]);
  });

  it('an OMI^O23 creates the order: IPC-1 accession, TQ1 priority and time in the clinic zone', async () => {
    const id = controlId();
    const ack = await sendHl7(door.port, [
      msh('FRONTDESK', 'DEMO1', 'OMI^O23', id),
      pid('P-HL7-2', 'DELA CRUZ', 'JOSE'),
      'ORC|NW|PL-2001',
      // 01:15 UTC is 09:15 in Manila (UTC+8).
      seg('TQ1', { 1: '1', 7: '202603060115+0000', 9: 'A' }),
      'OBR|1|PL-2001||CXR^Chest X-ray AP',
      'IPC|ACC-2001|RP-1|1.2.3.4|SPS-1|DX',
    ]);
    expect(ack.code, ack.raw).toBe('AA');
    const [o] = await byPlacer(demo1, 'PL-2001');
    expect(o).toMatchObject({
      accession_number: 'ACC-2001',
      patient_name: 'DELA CRUZ^JOSE',
      programme: 'US',
      views: ['AP'],
      priority: 'urgent',
      scheduled_date: '2026-03-06',
      scheduled_time: '09:15:00',
      source: 'hl7',
    });
  });

  it('without an accession number, the server makes one', async () => {
    const ack = await sendHl7(door.port, orm('PL-3001', 'P-HL7-3').segments);
    expect(ack.code, ack.raw).toBe('AA');
    const [o] = await byPlacer(demo1, 'PL-3001');
    expect(o!.accession_number).toBe('260305-0001');
    expect(ack.text).toContain('260305-0001');
  });
});

describe('errors change nothing', () => {
  it('a message without PID gets AE naming the segment', async () => {
    const before = await orderCount(demo1);
    const m = orm('PL-4001', 'P-HL7-4');
    const ack = await sendHl7(
      door.port,
      m.segments.filter((s) => !s.startsWith('PID')),
    );
    expect(ack.code).toBe('AE');
    expect(ack.errLocation).toBe('PID^1');
    expect(ack.errCode).toBe('100');
    expect(ack.text).toMatch(/no PID segment/);
    expect(ack.errMessage).toBe(ack.text);
    expect(await orderCount(demo1)).toBe(before);
  });

  it('a malformed birth date gets AE naming PID-7', async () => {
    const before = await orderCount(demo1);
    const m = orm('PL-4002', 'P-HL7-5');
    m.segments[1] = 'PID|1||P-HL7-5^^^PASSPORT-PH||SANTOS^MARIA||19911317|F';
    const ack = await sendHl7(door.port, m.segments);
    expect(ack.code).toBe('AE');
    expect(ack.errLocation).toBe('PID^1^7^1');
    expect(ack.errCode).toBe('102');
    expect(ack.text).toMatch(/PID-7/);
    expect(await orderCount(demo1)).toBe(before);
  });

  it('an empty order control, or one not taken, gets AE naming ORC-1', async () => {
    const m = orm('PL-4003', 'P-HL7-6');
    m.segments[2] = 'ORC|XO|PL-4003';
    const ack = await sendHl7(door.port, m.segments);
    expect(ack.code).toBe('AE');
    expect(ack.errLocation).toBe('ORC^1^1^1');
    expect(ack.errCode).toBe('103');
    expect(await byPlacer(demo1, 'PL-4003')).toHaveLength(0);
  });

  it('a programme the clinic does not screen for gets AE naming OBR-4', async () => {
    const before = await orderCount(demo1);
    const ack = await sendHl7(
      door.port,
      orm('PL-4004', 'P-HL7-7', { obr4: 'CXR-UK^Chest' }).segments,
    );
    expect(ack.code).toBe('AE');
    expect(ack.errLocation).toBe('OBR^1^4^1^1');
    expect(ack.errCode).toBe('103');
    expect(await orderCount(demo1)).toBe(before);
  });

  it('an unknown sender gets AR, and the refusal is recorded', async () => {
    const before = await orderCount(demo1);
    const m = orm('PL-5001', 'P-HL7-8');
    m.segments[0] = msh('STRANGER', 'NOWHERE', 'ORM^O01', m.id);
    const ack = await sendHl7(door.port, m.segments);
    expect(ack.code).toBe('AR');
    expect(ack.errLocation).toBe('MSH^1^3^1');
    expect(ack.errCode).toBe('204');
    expect(ack.text).toMatch(/STRANGER\^NOWHERE/);
    expect(await orderCount(demo1)).toBe(before);
    await refusalsSettled();
    const refusals = await fx.tdb.db
      .selectFrom('inbound_refusals')
      .selectAll()
      .where('door', '=', 'hl7')
      .where('code', '=', 'HL7_UNKNOWN_SENDER')
      .execute();
    expect(refusals).toEqual([
      expect.objectContaining({ clinic_id: null, calling_ae: 'STRANGER^NOWHERE', count: 1 }),
    ]);
  });

  it('a sender outside its allowed networks gets AR', async () => {
    const m = orm('PL-5002', 'P-HL7-9');
    m.segments[0] = msh('LOCKED', 'DEMO1', 'ORM^O01', m.id);
    const ack = await sendHl7(door.port, m.segments);
    expect(ack.code).toBe('AR');
    expect(ack.text).toMatch(/allowed networks/);
    expect(await byPlacer(demo1, 'PL-5002')).toHaveLength(0);
  });

  it('a message type other than an order gets AR', async () => {
    const id = controlId();
    const ack = await sendHl7(door.port, [
      msh('FRONTDESK', 'DEMO1', 'ADT^A01', id),
      'EVN|A01|20260304080000',
      pid('P-HL7-10'),
    ]);
    expect(ack.code).toBe('AR');
    expect(ack.errLocation).toBe('MSH^1^9^1');
    expect(ack.errCode).toBe('200');
  });

  it('a taken accession number gets AE, and no order of the message is kept', async () => {
    const before = await orderCount(demo1);
    const id = controlId();
    const ack = await sendHl7(door.port, [
      msh('FRONTDESK', 'DEMO1', 'ORM^O01', id),
      pid('P-HL7-11'),
      // The first order is new; the second reuses ACC-1001: neither is kept.
      'ORC|NW|PL-6001',
      seg('OBR', { 1: '1', 2: 'PL-6001', 4: 'CXR^Chest PA', 18: 'ACC-6001' }),
      'ORC|NW|PL-6002',
      seg('OBR', { 1: '1', 2: 'PL-6002', 4: 'CXR^Chest PA', 18: 'ACC-1001' }),
    ]);
    expect(ack.code).toBe('AE');
    expect(ack.errCode).toBe('205');
    expect(ack.errLocation).toBe('OBR^2^18^1^1');
    expect(ack.text).toMatch(/already has an order with this accession number/);
    expect(await orderCount(demo1)).toBe(before);
  });
});

describe('re-sending and cancelling', () => {
  it('a re-sent order is answered AA with the order already kept, not a second one', async () => {
    const first = await sendHl7(
      door.port,
      orm('PL-7001', 'P-HL7-12', { accession: 'ACC-7001' }).segments,
    );
    expect(first.code).toBe('AA');
    const again = await sendHl7(
      door.port,
      orm('PL-7001', 'P-HL7-12', { accession: 'ACC-7001' }).segments,
    );
    expect(again.code, again.raw).toBe('AA');
    expect(again.text).toMatch(/ACC-7001 already received/);
    expect(await byPlacer(demo1, 'PL-7001')).toHaveLength(1);
  });

  it('ORC-1 CA cancels the order it names; an unknown placer number gets AE', async () => {
    const id = controlId();
    const ack = await sendHl7(door.port, [
      msh('FRONTDESK', 'DEMO1', 'ORM^O01', id),
      pid('P-HL7-12'),
      'ORC|CA|PL-7001',
      'OBR|1|PL-7001||CXR^Chest PA',
    ]);
    expect(ack.code, ack.raw).toBe('AA');
    const [o] = await byPlacer(demo1, 'PL-7001');
    expect(o).toMatchObject({ status: 'cancelled', cancelled_by: null });
    expect(o!.cancel_reason).toMatch(/FRONTDESK\^DEMO1/);
    const unknown = await sendHl7(door.port, [
      msh('FRONTDESK', 'DEMO1', 'ORM^O01', controlId()),
      pid('P-HL7-12'),
      'ORC|CA|PL-NOPE',
    ]);
    expect(unknown.code).toBe('AE');
    expect(unknown.errCode).toBe('204');
  });
});

describe('clinic scope by sender', () => {
  it("a clinic's sender creates orders for its own clinic only, whatever the message names", async () => {
    const before1 = await orderCount(demo1);
    const id = controlId();
    const ack = await sendHl7(door.port, [
      // MSH-5/6 and the accession number name DEMO1's things: the sender decides the clinic.
      `MSH|^~\\&|RIS2|DEMO2|TELERAD|DEMO1|20260304080000||ORM^O01^ORM_O01|${id}|P|2.5`,
      pid('P-HL7-1'),
      'ORC|NW|PL-1001',
      seg('OBR', { 1: '1', 2: 'PL-1001', 4: 'CXR-UK^Chest PA', 18: 'ACC-1001' }),
    ]);
    expect(ack.code, ack.raw).toBe('AA');
    expect(await orderCount(demo1)).toBe(before1);
    const [o] = await byPlacer(demo2, 'PL-1001');
    expect(o).toMatchObject({ clinic_id: demo2, accession_number: 'ACC-1001', programme: 'UK' });
    // DEMO1's order of the same placer number is untouched.
    const [mine] = await byPlacer(demo1, 'PL-1001');
    expect(mine).toMatchObject({ patient_id: 'P-HL7-1', programme: 'US', status: 'scheduled' });
  });
});
