import {
  deskChange,
  type OrderMatchMethod,
  type OrderMatchOutcome,
  type OrderPolicy,
  type Priority,
} from '@telerad/contracts';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { publishInTransaction } from '../../platform/realtime';
import { localDate } from '../centres';
import { applyOrderRequest } from '../portal';
import { lockClinicOrders } from './create';

/**
 * What matching decided for a study: nothing to do (its clinic registers no applicants), a match
 * (new or found earlier: the read takes the order's priority), or why none was made.
 */
export type MatchDecision =
  | { outcome: 'off' }
  | { outcome: 'matched'; orderId: string; priority: Priority; policy: OrderPolicy }
  | { outcome: Exclude<OrderMatchOutcome, 'matched' | 'unmatched'>; policy: OrderPolicy };

/** JSON with its keys sorted: jsonb reads back in its own key order. */
const canonical = (v: unknown) =>
  JSON.stringify(v, v && typeof v === 'object' ? Object.keys(v).sort() : undefined);

/** An ID as compared: surrounding spaces and letter case are what a typist varies. */
const idKey = (id: string) => id.trim().toUpperCase();

/**
 * Matches a study that became stable to its clinic's order, on the caller's transaction (the one
 * that creates its primary read), and records the attempt in `order_match_events`:
 *
 * 1. by the identifiers a modality worklist gave the X-ray unit: the clinic's scheduled order
 *    with the study's Study Instance UID, or else its accession number (method `accession`);
 *    when the applicant IDs differ it is a `conflict`, left for a person, never matched;
 * 2. by applicant ID and date: the one scheduled order with the study's applicant ID whose
 *    scheduled date is the study date (or, when the header has none, the clinic-local date of
 *    the study's first arrival); several are `ambiguous`;
 * 3. otherwise `no_order`.
 *
 * A match marks the order matched and gives the study the order's programme and note (where
 * the clinic set none by hand). The clinic's orders are locked for the transaction, so two
 * studies never take one order. Idempotent: a study already matched stays matched with no new
 * event, and an attempt that finds what the study's last attempt found records nothing.
 */
export async function matchStudyToOrder(
  trx: Db,
  studyId: string,
  now: Date,
): Promise<MatchDecision> {
  const study = await trx
    .selectFrom('studies')
    .innerJoin('clinics as c', 'c.id', 'studies.clinic_id')
    .select([
      'studies.id',
      'studies.clinic_id',
      'studies.study_uid',
      'studies.patient_id',
      'studies.accession_number',
      'studies.study_date',
      'studies.first_received_at',
      'c.order_policy',
      'c.time_zone',
    ])
    .where('studies.id', '=', studyId)
    .executeTakeFirst();
  if (!study) return { outcome: 'off' };
  const policy = study.order_policy as OrderPolicy;
  const matched = await matchedOrderOf(trx, studyId);
  if (matched)
    return { outcome: 'matched', orderId: matched.id, priority: matched.priority, policy };
  if (policy === 'none') return { outcome: 'off' };

  await lockClinicOrders(trx, study.clinic_id);
  const scheduled = () =>
    trx
      .selectFrom('orders')
      .select(['id', 'patient_id', 'priority', 'programme', 'note', 'accession_number'])
      .where('clinic_id', '=', study.clinic_id)
      .where('status', '=', 'scheduled');
  const accession = study.accession_number?.trim() ?? '';
  const day = study.study_date ?? localDate(study.first_received_at, study.time_zone);
  const details: Record<string, unknown> = {
    accessionNumber: accession || null,
    patientId: study.patient_id,
    date: day,
  };

  // The worklist gave the X-ray unit the order's Study Instance UID and accession number: either
  // names the order (the UID even when the unit drops the accession number).
  const named =
    (await scheduled().where('study_instance_uid', '=', study.study_uid).executeTakeFirst()) ??
    (accession
      ? await scheduled().where('accession_number', '=', accession).executeTakeFirst()
      : undefined);
  if (named && idKey(named.patient_id) !== idKey(study.patient_id)) {
    return record(trx, study.clinic_id, studyId, policy, 'conflict', {
      ...details,
      orderId: named.id,
      orderPatientId: named.patient_id,
    });
  }
  if (named) return matchTo(trx, study, named, 'accession', now, policy, details);

  const byId = await scheduled()
    .where(sql<boolean>`upper(trim(patient_id)) = ${idKey(study.patient_id)}`)
    .where('scheduled_date', '=', day)
    .execute();
  if (byId.length > 1)
    return record(trx, study.clinic_id, studyId, policy, 'ambiguous', {
      ...details,
      candidates: byId.map((o) => o.id),
    });
  if (byId.length === 1) return matchTo(trx, study, byId[0]!, 'patient_date', now, policy, details);
  return record(trx, study.clinic_id, studyId, policy, 'no_order', details);
}

/** The order a study answers, if it was matched. */
async function matchedOrderOf(trx: Db, studyId: string) {
  const row = await trx
    .selectFrom('orders')
    .select(['id', 'priority'])
    .where('study_id', '=', studyId)
    .executeTakeFirst();
  return row ? { id: row.id, priority: row.priority as Priority } : undefined;
}

/** The order fields a match gives the study. */
interface MatchedOrder {
  id: string;
  priority: string;
  programme: string;
  note: string;
}

async function matchTo(
  trx: Db,
  study: { id: string; clinic_id: string },
  order: MatchedOrder,
  method: OrderMatchMethod,
  now: Date,
  policy: OrderPolicy,
  details: Record<string, unknown>,
): Promise<MatchDecision> {
  await recordMatch(trx, { study, order, method, at: now, by: null, details });
  return { outcome: 'matched', orderId: order.id, priority: order.priority as Priority, policy };
}

/**
 * Matches a study to a scheduled order on the caller's transaction (which holds the clinic's
 * order lock): the order is marked matched (how, and by whom when by hand), the study takes the
 * order's programme and note where the clinic set none, the match is recorded in
 * `order_match_events`, and the desk's list of images without an order refreshes on commit.
 */
export async function recordMatch(
  trx: Db,
  m: {
    study: { id: string; clinic_id: string };
    order: MatchedOrder;
    method: OrderMatchMethod;
    at: Date;
    by: string | null;
    details: Record<string, unknown>;
  },
): Promise<void> {
  const { study, order } = m;
  await markMatched(trx, {
    orderId: order.id,
    studyId: study.id,
    method: m.method,
    at: m.at,
    by: m.by,
  });
  await applyOrderRequest(trx, {
    studyId: study.id,
    clinicId: study.clinic_id,
    programme: order.programme,
    note: order.note,
    at: m.at,
  });
  await appendMatchEvent(trx, {
    studyId: study.id,
    clinicId: study.clinic_id,
    orderId: order.id,
    outcome: 'matched',
    method: m.method,
    details: m.details,
    actorId: m.by,
  });
  await publishInTransaction(trx, deskChange(study.clinic_id, 'unmatched_image'));
}

/**
 * Marks a scheduled order matched to `studyId` on the caller's transaction (which holds the
 * clinic's order lock); false when the order is no longer scheduled.
 */
export async function markMatched(
  trx: Db,
  m: { orderId: string; studyId: string; method: OrderMatchMethod; at: Date; by: string | null },
): Promise<boolean> {
  const r = await trx
    .updateTable('orders')
    .set({
      status: 'matched',
      study_id: m.studyId,
      matched_at: m.at,
      matched_by: m.by,
      match_method: m.method,
      updated_at: m.at,
    })
    .where('id', '=', m.orderId)
    .where('status', '=', 'scheduled')
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

/** Appends one attempt and its outcome to `order_match_events` (append-only). */
export async function appendMatchEvent(
  trx: Db,
  e: {
    studyId: string;
    clinicId: string;
    orderId: string | null;
    outcome: OrderMatchOutcome;
    method: OrderMatchMethod | null;
    details: Record<string, unknown>;
    actorId: string | null;
  },
): Promise<void> {
  await trx
    .insertInto('order_match_events')
    .values({
      study_id: e.studyId,
      clinic_id: e.clinicId,
      order_id: e.orderId,
      outcome: e.outcome,
      method: e.method,
      details: JSON.stringify(e.details),
      actor_id: e.actorId,
    })
    .execute();
}

/**
 * Records a failed attempt, unless the study's last attempt found the same (the intake paths
 * and the reconciler may each try a study; only a new finding is worth a row). The desk's list
 * of images without an order refreshes when it commits.
 */
async function record(
  trx: Db,
  clinicId: string,
  studyId: string,
  policy: OrderPolicy,
  outcome: 'no_order' | 'ambiguous' | 'conflict',
  details: Record<string, unknown>,
): Promise<MatchDecision> {
  const last = await trx
    .selectFrom('order_match_events')
    .select(['outcome', 'details'])
    .where('study_id', '=', studyId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  const same = last?.outcome === outcome && canonical(last.details) === canonical(details);
  if (!same) {
    await appendMatchEvent(trx, {
      studyId,
      clinicId,
      orderId: null,
      outcome,
      method: null,
      details,
      actorId: null,
    });
    await publishInTransaction(trx, deskChange(clinicId, 'unmatched_image'));
  }
  return { outcome, policy };
}
