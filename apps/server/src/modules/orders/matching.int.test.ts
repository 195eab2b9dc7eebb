import { randomUUID } from 'node:crypto';
import type {
  DeskPage,
  Order,
  OrderCandidates,
  OrderHandMatchResult,
  WorklistPage,
} from '@telerad/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { localDate } from '../centres';
import { createPrimaryReadTask } from '../worklist';
import { listOverdueOrderDeskItems } from './deskItems';
import { applicant, clinicIdOf, registerOrder } from './testSupport';

/**
 * Arriving studies meet their orders in the transaction that creates their primary read: by
 * accession number, then by applicant ID and date; a conflict, several candidates or none are
 * recorded and left for the desk; a clinic that holds unmatched images keeps them off the
 * worklist until the assistant matches one by hand (audited, through an identity correction).
 */
let fx: AppFixture;
let clinic1: TestClient;
let assistant: TestClient;
let demo1: string;
let demo2: string;
let tz1: string;
const DAY = '2026-03-04';
// Arrivals are recent (the desk lists the last weeks); the headers name the order's day.
const AT = new Date();

/** A stable study of `clinicId` as its header named it (no instances needed to be read). */
async function newStudy(
  clinicId: string,
  h: {
    patientId: string;
    accession?: string | null;
    studyDate?: string | null;
    at?: Date;
    uid?: string;
  },
) {
  const uid = h.uid ?? `2.25.${BigInt(`0x${randomUUID().replaceAll('-', '')}`)}`;
  const at = h.at ?? AT;
  const row = await fx.tdb.db
    .insertInto('studies')
    .values({
      study_uid: uid,
      clinic_id: clinicId,
      patient_id: h.patientId,
      patient_name: 'HEADER^Name',
      patient_name_norm: 'HEADER NAME',
      patient_birth_date: '1991-05-17',
      study_date: h.studyDate === undefined ? DAY : h.studyDate,
      accession_number: h.accession ?? null,
      first_received_at: at,
      last_received_at: at,
      stable_at: at,
    })
    .returning(['id', 'study_uid'])
    .executeTakeFirstOrThrow();
  return { id: row.id, uid: row.study_uid };
}

const arrive = (studyId: string, now = AT) =>
  createPrimaryReadTask(fx.tdb.db, { studyId, stableAt: now.toISOString(), numInstances: 1 }, now);

async function order(over: Parameters<typeof applicant>[0] = {}, client = clinic1, clinic = demo1) {
  const res = await registerOrder(client, clinic, applicant({ scheduledDate: DAY, ...over }));
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Order;
}
const orderRow = (id: string) =>
  fx.tdb.db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const events = (studyId: string) =>
  fx.tdb.db
    .selectFrom('order_match_events')
    .selectAll()
    .where('study_id', '=', studyId)
    .orderBy('id')
    .execute();
const readOf = (studyId: string) =>
  fx.tdb.db
    .selectFrom('reading_tasks')
    .select(['id', 'priority', 'state'])
    .where('study_id', '=', studyId)
    .where('type', '=', 'primary_read')
    .executeTakeFirst();
const requestOf = (studyId: string) =>
  fx.tdb.db
    .selectFrom('study_requests')
    .selectAll()
    .where('study_id', '=', studyId)
    .executeTakeFirst();
const setPolicy = (clinicId: string, policy: 'none' | 'match' | 'require') =>
  fx.tdb.db
    .updateTable('clinics')
    .set({ order_policy: policy })
    .where('id', '=', clinicId)
    .execute();
const desk = async (kind: string) => {
  const res = await assistant.request({ method: 'GET', url: `/api/desk?kind=${kind}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as DeskPage;
};

beforeAll(async () => {
  fx = await appWithDemo();
  clinic1 = await signIn(fx.app, 'clinic1');
  assistant = await signIn(fx.app, 'assistant');
  demo1 = await clinicIdOf(fx.tdb.db, 'DEMO1');
  demo2 = await clinicIdOf(fx.tdb.db, 'DEMO2');
  tz1 = (
    await fx.tdb.db
      .selectFrom('clinics')
      .select('time_zone')
      .where('id', '=', demo1)
      .executeTakeFirstOrThrow()
  ).time_zone;
});
afterAll(async () => fx?.close());
beforeEach(async () => setPolicy(demo1, 'match'));

describe('automatic matching', () => {
  it('matches by accession number: the order is matched and the read takes its priority, programme and note', async () => {
    const o = await order({
      accessionNumber: 'ACC-1',
      priority: 'urgent',
      programme: 'CA',
      note: 'Cough for 3 weeks',
    });
    const s = await newStudy(demo1, { patientId: o.patientId, accession: 'ACC-1' });
    const r = await arrive(s.id);
    expect(r.outcome).toBe('created');
    expect(await orderRow(o.id)).toMatchObject({
      status: 'matched',
      study_id: s.id,
      match_method: 'accession',
      matched_by: null,
    });
    expect((await readOf(s.id))?.priority).toBe('urgent');
    expect(await requestOf(s.id)).toMatchObject({
      programme: 'CA',
      clinical_note: 'Cough for 3 weeks',
    });
    const e = await events(s.id);
    expect(e.map((x) => [x.outcome, x.method, x.order_id])).toEqual([
      ['matched', 'accession', o.id],
    ]);
    // Arriving again (a redelivered event, the reconciler) changes nothing and records nothing.
    expect((await arrive(s.id)).outcome).toBe('exists');
    expect(await events(s.id)).toHaveLength(1);
  });

  it('shows the matched order’s programme in the worklist, and an unmatched study its clinic’s', async () => {
    const o = await order({
      patientId: 'PROG-MATCHED',
      accessionNumber: 'ACC-PROG',
      programme: 'AUNZ',
    });
    const matched = await newStudy(demo1, { patientId: o.patientId, accession: 'ACC-PROG' });
    const unmatched = await newStudy(demo1, {
      patientId: 'PROG-NO-ORDER',
      studyDate: '2026-03-09',
    });
    await arrive(matched.id);
    await arrive(unmatched.id);
    const res = await clinic1.request({ method: 'GET', url: '/api/worklist?q=PROG-' });
    expect(res.statusCode, res.body).toBe(200);
    const rows = (res.json() as WorklistPage).tasks;
    const programmesOf = (uid: string) => rows.find((t) => t.studyUid === uid)?.programmes;
    const clinicProgrammes = (
      await fx.tdb.db
        .selectFrom('clinics')
        .select('programmes')
        .where('id', '=', demo1)
        .executeTakeFirstOrThrow()
    ).programmes;
    expect(clinicProgrammes.length).toBeGreaterThan(1);
    expect(programmesOf(matched.uid)).toEqual(['AUNZ']);
    expect(programmesOf(unmatched.uid)).toEqual(clinicProgrammes);
  });

  it('matches by the Study Instance UID the worklist gave, with no accession number, on another day', async () => {
    const o = await order({ scheduledDate: '2026-03-01' });
    const s = await newStudy(demo1, { patientId: o.patientId, uid: o.studyInstanceUid });
    await arrive(s.id);
    expect(await orderRow(o.id)).toMatchObject({ status: 'matched', match_method: 'accession' });
  });

  it('refuses an accession number whose order is for another applicant: a conflict, for a person', async () => {
    const o = await order({ accessionNumber: 'ACC-2' });
    const s = await newStudy(demo1, { patientId: 'SOMEONE-ELSE', accession: 'ACC-2' });
    expect((await arrive(s.id)).outcome).toBe('created');
    expect((await orderRow(o.id)).status).toBe('scheduled');
    const [e] = await events(s.id);
    expect(e).toMatchObject({ outcome: 'conflict', order_id: null });
    expect(e!.details).toMatchObject({ orderId: o.id, orderPatientId: o.patientId });
    const item = (await desk('unmatched_image')).items.find((i) => i.studyUid === s.uid);
    expect(item).toMatchObject({
      held: null,
      title: 'Its accession number belongs to another applicant',
    });
  });

  it('matches by applicant ID and the study date when there is no accession number (case and spaces aside)', async () => {
    const o = await order({ patientId: 'ab-1234', priority: 'stat' });
    const s = await newStudy(demo1, { patientId: ' AB-1234 ', accession: null });
    expect((await arrive(s.id)).outcome).toBe('created');
    expect(await orderRow(o.id)).toMatchObject({ status: 'matched', match_method: 'patient_date' });
    expect((await readOf(s.id))?.priority).toBe('stat');
  });

  it('without a study date, uses the clinic-local date of first arrival', async () => {
    // 17:30 UTC is already the next day in Manila.
    const at = new Date('2026-03-05T17:30:00Z');
    const local = localDate(at, tz1);
    expect(local).toBe('2026-03-06');
    const o = await order({ scheduledDate: local });
    const s = await newStudy(demo1, { patientId: o.patientId, studyDate: null, at });
    await arrive(s.id, at);
    expect((await orderRow(o.id)).status).toBe('matched');
  });

  it('records several candidates as ambiguous and matches none', async () => {
    const a = await order({ patientId: 'TWICE-1' });
    const b = await order({ patientId: 'TWICE-1' });
    const s = await newStudy(demo1, { patientId: 'TWICE-1' });
    await arrive(s.id);
    expect((await orderRow(a.id)).status).toBe('scheduled');
    expect((await orderRow(b.id)).status).toBe('scheduled');
    const [e] = await events(s.id);
    expect(e?.outcome).toBe('ambiguous');
    expect((e!.details as { candidates: string[] }).candidates.sort()).toEqual([a.id, b.id].sort());
  });

  it('records no order, once however often the study arrives, and leaves another date alone', async () => {
    await order({ patientId: 'OTHER-DAY', scheduledDate: '2026-03-05' });
    const s = await newStudy(demo1, { patientId: 'OTHER-DAY' });
    await arrive(s.id);
    await arrive(s.id);
    expect((await events(s.id)).map((e) => e.outcome)).toEqual(['no_order']);
  });

  it('does not overwrite the note or programme the clinic set by hand', async () => {
    const o = await order({ programme: 'AUNZ', note: 'From the order' });
    const s = await newStudy(demo1, { patientId: o.patientId });
    await fx.tdb.db
      .insertInto('study_requests')
      .values({
        study_id: s.id,
        clinic_id: demo1,
        clinical_note: 'Set by the clinic',
        programme: 'US',
      })
      .execute();
    await arrive(s.id);
    expect(await requestOf(s.id)).toMatchObject({
      clinical_note: 'Set by the clinic',
      programme: 'US',
    });
  });

  it('does not match at a clinic that registers no applicants', async () => {
    await setPolicy(demo1, 'none');
    const o = await order();
    const s = await newStudy(demo1, { patientId: o.patientId });
    expect((await arrive(s.id)).outcome).toBe('created');
    expect((await orderRow(o.id)).status).toBe('scheduled');
    expect(await events(s.id)).toHaveLength(0);
  });
});

describe('a clinic that holds unmatched images, and the match by hand', () => {
  it('keeps an unmatched image off the worklist, lists it held, and the hand match reads it as the order', async () => {
    await setPolicy(demo1, 'require');
    const o = await order({
      patientId: 'TB-20261',
      familyName: 'Reyes',
      givenName: 'Ana',
      priority: 'urgent',
      note: 'Contact of a case',
    });
    const s = await newStudy(demo1, { patientId: 'TB-2026l' });
    expect((await arrive(s.id)).outcome).toBe('awaiting_order');
    expect((await arrive(s.id)).outcome).toBe('awaiting_order');
    expect(await readOf(s.id)).toBeUndefined();
    expect((await events(s.id)).map((e) => e.outcome)).toEqual(['no_order']);
    const item = (await desk('unmatched_image')).items.find((i) => i.studyUid === s.uid);
    expect(item).toMatchObject({ held: 'order', patientId: 'TB-2026l' });

    const cands = await assistant.request({
      method: 'GET',
      url: `/api/studies/${s.uid}/order-candidates`,
    });
    expect(cands.statusCode, cands.body).toBe(200);
    const first = (cands.json() as OrderCandidates).items[0];
    expect(first).toMatchObject({ id: o.id });
    expect(first!.reasons).toContain('ID differs by 1 character');

    const res = await assistant.request({
      method: 'POST',
      url: `/api/studies/${s.uid}/order-match`,
      payload: { orderId: o.id },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as OrderHandMatchResult;
    expect(body).toMatchObject({
      patientId: 'TB-20261',
      patientName: 'Reyes^Ana',
      worklist: 'created',
    });
    expect(body.order).toMatchObject({
      status: 'matched',
      matchMethod: 'manual',
      matchedStudyUid: s.uid,
    });

    expect((await readOf(s.id))?.priority).toBe('urgent');
    expect(await requestOf(s.id)).toMatchObject({ clinical_note: 'Contact of a case' });
    const study = await fx.tdb.db
      .selectFrom('studies')
      .selectAll()
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(study).toMatchObject({ patient_id: 'TB-20261', patient_name: 'Reyes^Ana' });
    const correction = await fx.tdb.db
      .selectFrom('patient_identity_corrections')
      .selectAll()
      .where('study_id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(correction).toMatchObject({ received_patient_id: 'TB-2026l', patient_id: 'TB-20261' });
    const assistantId = (
      await fx.tdb.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'assistant')
        .executeTakeFirstOrThrow()
    ).id;
    expect(await orderRow(o.id)).toMatchObject({ matched_by: assistantId, match_method: 'manual' });
    expect((await events(s.id)).map((e) => [e.outcome, e.actor_id])).toEqual([
      ['no_order', null],
      ['matched', assistantId],
    ]);
    const audit = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['action', 'outcome', 'clinic_id', 'details'])
      .where('request_id', '=', String(res.headers['x-request-id']))
      .execute();
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: 'study.order.match',
        outcome: 'success',
        clinic_id: demo1,
      }),
    );
    expect((await desk('unmatched_image')).items.some((i) => i.studyUid === s.uid)).toBe(false);

    // Matched, the order cannot be cancelled, nor matched again.
    const cancel = await clinic1.request({
      method: 'POST',
      url: `/api/orders/${o.id}/cancel`,
      payload: { reason: 'left' },
    });
    expect(cancel.statusCode).toBe(409);
    expect(cancel.json()).toMatchObject({ error: { code: 'ORDER_NOT_SCHEDULED' } });
  });

  it('raises a read already on the worklist to the order’s priority, and never lowers one', async () => {
    const taskOf = (studyId: string) =>
      fx.tdb.db
        .selectFrom('reading_tasks')
        .select(['id', 'priority', 'priority_reason', 'due_at'])
        .where('study_id', '=', studyId)
        .where('type', '=', 'primary_read')
        .executeTakeFirstOrThrow();
    const handMatch = async (uid: string, orderId: string) => {
      const res = await assistant.request({
        method: 'POST',
        url: `/api/studies/${uid}/order-match`,
        payload: { orderId },
      });
      expect(res.statusCode, res.body).toBe(200);
      return res;
    };

    const o = await order({ patientId: 'RAISE-1', priority: 'stat' });
    const s = await newStudy(demo1, { patientId: 'RAISE-l' });
    expect((await arrive(s.id)).outcome).toBe('created');
    const before = await taskOf(s.id);
    expect(before.priority).toBe('routine');
    const res = await handMatch(s.uid, o.id);
    expect((res.json() as OrderHandMatchResult).worklist).toBe('exists');
    const after = await taskOf(s.id);
    expect(after).toMatchObject({
      id: before.id,
      priority: 'stat',
      priority_reason: `matched to order ${o.accessionNumber}`,
    });
    expect(after.due_at!.getTime()).toBeLessThan(before.due_at!.getTime());
    const audit = await fx.tdb.db
      .selectFrom('audit_events')
      .select('details')
      .where('request_id', '=', String(res.headers['x-request-id']))
      .where('action', '=', 'study.order.match')
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({
      priority: { taskId: before.id, from: 'routine', to: 'stat' },
    });

    // A read the reader already treats as stat keeps it when a routine order is matched.
    const routine = await order({ patientId: 'KEEP-1', priority: 'routine' });
    const s2 = await newStudy(demo1, { patientId: 'KEEP-l' });
    await arrive(s2.id);
    await fx.tdb.db
      .updateTable('reading_tasks')
      .set({ priority: 'stat', priority_reason: 'Haemoptysis' })
      .where('study_id', '=', s2.id)
      .execute();
    await handMatch(s2.uid, routine.id);
    expect(await taskOf(s2.id)).toMatchObject({ priority: 'stat', priority_reason: 'Haemoptysis' });
  });

  it('refuses an order not scheduled, another clinic’s order, an unknown one, and a clinic user', async () => {
    await setPolicy(demo1, 'require');
    const s = await newStudy(demo1, { patientId: 'REFUSED-1' });
    await arrive(s.id);
    const match = (client: TestClient, orderId: string) =>
      client.request({
        method: 'POST',
        url: `/api/studies/${s.uid}/order-match`,
        payload: { orderId },
      });

    const cancelled = await order();
    await clinic1.request({
      method: 'POST',
      url: `/api/orders/${cancelled.id}/cancel`,
      payload: { reason: 'twice' },
    });
    const notScheduled = await match(assistant, cancelled.id);
    expect(notScheduled.statusCode).toBe(409);
    expect(notScheduled.json()).toMatchObject({ error: { code: 'ORDER_NOT_SCHEDULED' } });

    const clinic2 = await signIn(fx.app, 'clinic2');
    const foreign = await order({}, clinic2, demo2);
    const mismatch = await match(assistant, foreign.id);
    expect(mismatch.statusCode).toBe(409);
    expect(mismatch.json()).toMatchObject({ error: { code: 'ORDER_CLINIC_MISMATCH' } });

    expect((await match(assistant, randomUUID())).statusCode).toBe(404);
    const own = await order();
    expect((await match(clinic1, own.id)).statusCode).toBe(403);
    expect((await orderRow(own.id)).status).toBe('scheduled');
    expect(await readOf(s.id)).toBeUndefined();
  });
});

describe('orders without images', () => {
  it('lists a scheduled order past its time plus the grace, or past the end of its day without a time', async () => {
    const timed = await order({ scheduledDate: '2026-02-01', scheduledTime: '09:00' });
    const dateOnly = await order({ scheduledDate: '2026-02-01' });
    // 09:00 Manila is 01:00 UTC; two hours' grace: 03:00 UTC.
    const at = (iso: string) =>
      listOverdueOrderDeskItems(fx.tdb.db, { clinicIds: [demo1], now: new Date(iso) }).then(
        (items) =>
          items.map((i) => i.orderId).filter((id) => id === timed.id || id === dateOnly.id),
      );
    expect(await at('2026-02-01T02:59:00Z')).toEqual([]);
    expect(await at('2026-02-01T03:00:00Z')).toEqual([timed.id]);
    // The end of 1 February in Manila is 16:00 UTC; plus the grace, 18:00 UTC.
    expect(await at('2026-02-01T18:00:00Z')).toEqual([timed.id, dateOnly.id]);
    expect(await at('2026-03-01T00:00:00Z')).toEqual([]);
  });

  it('shows them on the assistant’s desk', async () => {
    const o = await order({ scheduledDate: '2026-01-01' });
    await fx.tdb.db
      .updateTable('orders')
      .set({ scheduled_date: localDate(new Date(Date.now() - 86_400_000), tz1) })
      .where('id', '=', o.id)
      .execute();
    const items = (await desk('overdue_order')).items;
    expect(items.find((i) => i.orderId === o.id)).toMatchObject({
      kind: 'overdue_order',
      patientId: o.patientId,
    });
  });
});

describe('the order policy as clinic data', () => {
  it('is saved and loaded with the clinic by the administrator', async () => {
    const admin = await signIn(fx.app, 'admin');
    const res = await admin.request({
      method: 'PATCH',
      url: `/api/clinics/${demo2}`,
      payload: { orderPolicy: 'require' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ orderPolicy: 'require' });
    const read = await admin.request({ method: 'GET', url: `/api/clinics/${demo2}` });
    expect(read.json()).toMatchObject({ orderPolicy: 'require' });
    await setPolicy(demo2, 'none');
  });
});
