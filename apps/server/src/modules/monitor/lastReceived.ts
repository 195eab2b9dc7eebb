import type { InboundDoor, LastReceived } from '@telerad/contracts';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';

/** An object just stored: its clinic, door, study and sender. */
export interface Arrival {
  clinicId: string;
  door: InboundDoor;
  studyUid: string;
  callingAe?: string | null;
  at?: Date;
}

/** How often one clinic and door's row is written again for the same study. */
const REWRITE_MS = 10_000;

/** The last write per clinic and door in this process, so a 500-image study is a few writes. */
const lastWritten = new Map<string, { at: number; studyUid: string }>();

const pending = new Set<Promise<void>>();

let reportFailure: (e: unknown) => void = () => undefined;

/** Where a failed write is reported (the process logger; nothing by default). */
export function onArrivalWriteError(fn: (e: unknown) => void): void {
  reportFailure = fn;
}

/**
 * Notes that a clinic's door received a study, in the small `clinic_last_received` table (one
 * row per clinic and door), so the monitor never scans `instances`. Runs in the background
 * after the object is committed: the sender's acknowledgement never waits for it. Within a
 * process, the same study at the same door is written at most every 10 seconds; the row only
 * moves forward in time, whichever process writes last.
 */
export function noteArrival(db: Db, a: Arrival): void {
  const at = a.at ?? new Date();
  const key = `${a.clinicId}:${a.door}`;
  const last = lastWritten.get(key);
  if (last && last.studyUid === a.studyUid && at.getTime() - last.at < REWRITE_MS) return;
  lastWritten.set(key, { at: at.getTime(), studyUid: a.studyUid });
  const p = db
    .insertInto('clinic_last_received')
    .values({
      clinic_id: a.clinicId,
      door: a.door,
      received_at: at,
      study_uid: a.studyUid,
      calling_ae: a.callingAe ?? null,
    })
    .onConflict((oc) =>
      oc
        .columns(['clinic_id', 'door'])
        .doUpdateSet({
          received_at: (eb) => eb.ref('excluded.received_at'),
          study_uid: (eb) => eb.ref('excluded.study_uid'),
          calling_ae: (eb) => eb.ref('excluded.calling_ae'),
        })
        .where(sql<boolean>`clinic_last_received.received_at <= excluded.received_at`),
    )
    .execute()
    .then(() => undefined)
    .catch(reportFailure);
  pending.add(p);
  void p.finally(() => pending.delete(p));
}

/** Resolves once every arrival noted so far is written (tests). */
export async function arrivalsSettled(): Promise<void> {
  while (pending.size) await Promise.all([...pending]);
}

/** Forgets the in-process throttle (tests that replay the same study). */
export function forgetArrivals(): void {
  lastWritten.clear();
}

/** The last study per door of each clinic (all clinics when `clinicIds` is omitted). */
export async function lastReceivedByClinic(
  db: Db,
  clinicIds?: readonly string[],
): Promise<Map<string, LastReceived[]>> {
  let q = db
    .selectFrom('clinic_last_received')
    .select(['clinic_id', 'door', 'received_at', 'study_uid', 'calling_ae'])
    .orderBy('received_at', 'desc');
  if (clinicIds) {
    if (clinicIds.length === 0) return new Map();
    q = q.where('clinic_id', 'in', clinicIds);
  }
  const out = new Map<string, LastReceived[]>();
  for (const r of await q.execute()) {
    const list = out.get(r.clinic_id) ?? [];
    list.push({
      door: r.door as InboundDoor,
      receivedAt: r.received_at.toISOString(),
      studyUid: r.study_uid,
      callingAe: r.calling_ae,
    });
    out.set(r.clinic_id, list);
  }
  return out;
}
