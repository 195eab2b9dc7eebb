import type { GatewayOrder, GatewayOrderPushResult, GatewayWorklist } from '@telerad/contracts';
import { newUid } from '@telerad/dicom';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { applicant, clinicIdOf, registerOrder } from '../orders/testSupport';
import { enrolledGateway } from './testSupport';

/**
 * A gateway's copy of its clinic's worklist and the orders it registered during an outage, centre
 * side: only the gateway's own clinic's scheduled orders, a cheap 304 while nothing changed, and
 * a push that makes each local order exactly once, keeps the unit's Study Instance UID and
 * answers refusals per order with the catalogue's code, audited in its transaction.
 */
let fx: AppFixture;
let clinic1: TestClient;
let clinic2: TestClient;
let demo1: string;
let demo2: string;
let token1: string;
let token2: string;

beforeAll(async () => {
  fx = await appWithDemo();
  const support = await signIn(fx.app, 'support');
  clinic1 = await signIn(fx.app, 'clinic1');
  clinic2 = await signIn(fx.app, 'clinic2');
  demo1 = await clinicIdOf(fx.tdb.db, 'DEMO1');
  demo2 = await clinicIdOf(fx.tdb.db, 'DEMO2');
  token1 = (await enrolledGateway(fx.app, support, demo1, 'Worklist DEMO1')).token;
  token2 = (await enrolledGateway(fx.app, support, demo2, 'Worklist DEMO2')).token;
});
afterAll(async () => fx?.close());

const getWorklist = (token: string, etag?: string) =>
  fx.app.inject({
    method: 'GET',
    url: '/api/gateways/worklist',
    headers: { authorization: `Bearer ${token}`, ...(etag ? { 'if-none-match': etag } : {}) },
  });

const push = (token: string, orders: GatewayOrder[]) =>
  fx.app.inject({
    method: 'POST',
    url: '/api/gateways/orders',
    headers: { authorization: `Bearer ${token}` },
    payload: { orders },
  });

const localOrder = (accessionNumber: string, over: Partial<GatewayOrder> = {}): GatewayOrder => ({
  localId: crypto.randomUUID(),
  studyInstanceUid: newUid(),
  order: applicant({ accessionNumber }),
  ...over,
});

describe('the gateway worklist', () => {
  it("answers its own clinic's scheduled orders only, and 304 while nothing changed", async () => {
    const mine = await registerOrder(clinic1, demo1, applicant({ familyName: 'Mine' }));
    expect(mine.statusCode, mine.body).toBe(200);
    const theirs = await registerOrder(clinic2, demo2, applicant({ familyName: 'CANARY' }));
    expect(theirs.statusCode, theirs.body).toBe(200);

    const first = await getWorklist(token1);
    expect(first.statusCode, first.body).toBe(200);
    const body = first.json<GatewayWorklist>();
    expect(body.clinicId).toBe(demo1);
    const ids = body.items.map((i) => i.orderId);
    expect(ids).toContain(mine.json<{ id: string }>().id);
    expect(ids).not.toContain(theirs.json<{ id: string }>().id);
    expect(first.body).not.toContain('CANARY');
    const item = body.items.find((i) => i.orderId === mine.json<{ id: string }>().id)!;
    expect(item).toMatchObject({
      patientName: 'Mine^Maria',
      birthDate: '1991-05-17',
      studyInstanceUid: mine.json<{ studyInstanceUid: string }>().studyInstanceUid,
    });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);

    const again = await getWorklist(token1, etag);
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(String(again.headers.etag)).toBe(etag);

    // The 200 that carried the orders is a recorded read; the 304 disclosed nothing and is not.
    const reads = await fx.tdb.db
      .selectFrom('audit_events')
      .select(sql<string>`details->>'status'`.as('status'))
      .where('action', '=', 'gateway.worklist')
      .execute();
    expect(reads.map((r) => r.status)).toEqual(['200']);

    // Another clinic's change leaves this one's tag alone; a cancellation here changes it.
    await registerOrder(clinic2, demo2, applicant());
    expect((await getWorklist(token1, etag)).statusCode).toBe(304);
    const cancelled = await clinic1.request({
      method: 'POST',
      url: `/api/orders/${mine.json<{ id: string }>().id}/cancel`,
      payload: { reason: 'Registered twice' },
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const changed = await getWorklist(token1, etag);
    expect(changed.statusCode).toBe(200);
    expect(changed.json<GatewayWorklist>().items.map((i) => i.orderId)).not.toContain(
      mine.json<{ id: string }>().id,
    );

    const audited = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['clinic_id', 'details'])
      .where('action', '=', 'gateway.worklist')
      .execute();
    // Two answers carried orders (the first and the one after the cancellation).
    expect(audited).toHaveLength(2);
    expect(audited.every((a) => a.clinic_id === demo1)).toBe(true);
  });

  it("refuses a person's token and session", async () => {
    const personal = await clinic1.request({ method: 'GET', url: '/api/gateways/worklist' });
    expect(personal.statusCode).toBe(403);
    const pushed = await clinic1.request({
      method: 'POST',
      url: '/api/gateways/orders',
      payload: { orders: [localOrder('G2612060001')] },
    });
    expect(pushed.statusCode).toBe(403);
  });
});

describe('orders pushed by the gateway', () => {
  it('are made once by local id, keep the unit’s UID, and refusals come per order', async () => {
    const taken = await registerOrder(clinic1, demo1, applicant({ accessionNumber: 'TAKEN-1' }));
    expect(taken.statusCode, taken.body).toBe(200);
    const a = localOrder('G2612060001');
    const dup = localOrder('TAKEN-1');
    const res = await push(token1, [a, dup]);
    expect(res.statusCode, res.body).toBe(200);
    const [made, refused] = res.json<GatewayOrderPushResult>().results;
    expect(made).toMatchObject({ localId: a.localId, outcome: 'created', code: null });
    expect(refused).toMatchObject({
      localId: dup.localId,
      outcome: 'refused',
      orderId: null,
      code: 'DUPLICATE_ACCESSION_NUMBER',
    });
    const row = await fx.tdb.db
      .selectFrom('orders')
      .selectAll()
      .where('id', '=', made!.orderId!)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      clinic_id: demo1,
      source: 'gateway',
      external_id: a.localId,
      accession_number: 'G2612060001',
      study_instance_uid: a.studyInstanceUid,
    });

    // The gateway stopped before forgetting it: the re-push answers the same order.
    const again = await push(token1, [a]);
    expect(again.json<GatewayOrderPushResult>().results[0]).toMatchObject({
      outcome: 'existing',
      orderId: made!.orderId,
      accessionNumber: 'G2612060001',
    });
    const count = await fx.tdb.db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('external_id', '=', a.localId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);

    // The same local id from another clinic's gateway is that clinic's own order.
    const other = await push(token2, [{ ...a, studyInstanceUid: newUid() }]);
    const theirs = other.json<GatewayOrderPushResult>().results[0]!;
    expect(theirs.outcome).toBe('created');
    expect(theirs.orderId).not.toBe(made!.orderId);

    // A Study Instance UID another order carries is refused, not given to a second order.
    const uid = await push(token1, [
      localOrder('G2612060002', { studyInstanceUid: a.studyInstanceUid }),
    ]);
    expect(uid.json<GatewayOrderPushResult>().results[0]).toMatchObject({
      outcome: 'refused',
      code: 'ORDER_STUDY_UID_TAKEN',
    });

    const events = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['clinic_id', 'outcome', 'details'])
      .where('action', '=', 'gateway.orders')
      .where('outcome', '=', 'success')
      .where('clinic_id', '=', demo1)
      .orderBy('id')
      .execute();
    expect(events).toHaveLength(3);
    expect(events[0]!.details).toMatchObject({
      created: [made!.orderId],
      refused: [{ localId: dup.localId, code: 'DUPLICATE_ACCESSION_NUMBER' }],
    });
  });
});
