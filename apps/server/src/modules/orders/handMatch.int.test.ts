import type { OrderCandidates, OrderHandMatchResult } from '@telerad/contracts';
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { signIn, type TestClient } from '../../testing/http';
import {
  fx,
  clinic1,
  assistant,
  demo1,
  demo2,
  newStudy,
  arrive,
  order,
  orderRow,
  events,
  readOf,
  requestOf,
  setPolicy,
  desk,
  useMatchingFixture,
} from './matchingFixture';

/**
 * A clinic that holds unmatched images keeps them off the worklist until the assistant matches
 * one by hand: audited, through an identity correction, the read taking the order's priority.
 */
useMatchingFixture();

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
