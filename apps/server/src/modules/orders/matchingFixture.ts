import { randomUUID } from 'node:crypto';
import type { DeskPage, Order } from '@telerad/contracts';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { createPrimaryReadTask } from '../worklist';
import { applicant, clinicIdOf, registerOrder } from './testSupport';

/**
 * The fixture of the order-matching tests: a demo app, DEMO1's clinic user and the assistant,
 * studies inserted as their headers named them, and the rows matching writes. A test file calls
 * `useMatchingFixture()` once; the bindings below are set before its tests run (DEMO1 matches
 * images to orders before each test).
 */
export let fx: AppFixture;
export let clinic1: TestClient;
export let assistant: TestClient;
export let demo1: string;
export let demo2: string;
export let tz1: string;
export const DAY = '2026-03-04';
// Arrivals are recent (the desk lists the last weeks); the headers name the order's day.
export const AT = new Date();

/** A stable study of `clinicId` as its header named it (no instances needed to be read). */
export async function newStudy(
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

export const arrive = (studyId: string, now = AT) =>
  createPrimaryReadTask(fx.tdb.db, { studyId, stableAt: now.toISOString(), numInstances: 1 }, now);

export async function order(
  over: Parameters<typeof applicant>[0] = {},
  client = clinic1,
  clinic = demo1,
) {
  const res = await registerOrder(client, clinic, applicant({ scheduledDate: DAY, ...over }));
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Order;
}
export const orderRow = (id: string) =>
  fx.tdb.db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
export const events = (studyId: string) =>
  fx.tdb.db
    .selectFrom('order_match_events')
    .selectAll()
    .where('study_id', '=', studyId)
    .orderBy('id')
    .execute();
export const readOf = (studyId: string) =>
  fx.tdb.db
    .selectFrom('reading_tasks')
    .select(['id', 'priority', 'state'])
    .where('study_id', '=', studyId)
    .where('type', '=', 'primary_read')
    .executeTakeFirst();
export const requestOf = (studyId: string) =>
  fx.tdb.db
    .selectFrom('study_requests')
    .selectAll()
    .where('study_id', '=', studyId)
    .executeTakeFirst();
export const setPolicy = (clinicId: string, policy: 'none' | 'match' | 'require') =>
  fx.tdb.db
    .updateTable('clinics')
    .set({ order_policy: policy })
    .where('id', '=', clinicId)
    .execute();
export const desk = async (kind: string) => {
  const res = await assistant.request({ method: 'GET', url: `/api/desk?kind=${kind}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as DeskPage;
};

/** Opens the fixture for the calling test file and closes it after. */
export function useMatchingFixture(): void {
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
}
