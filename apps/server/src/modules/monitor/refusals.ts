import type {
  InboundDoor,
  InboundRefusal,
  RefusalKind,
  RefusalPage,
  RefusalQuery,
} from '@telerad/contracts';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import type { AppError } from '../../platform/errors';
import { inClinicScope, type ClinicScope } from '../auth';

/** One refusal at a door, as the door saw it. */
export interface Refusal {
  door: InboundDoor;
  kind: RefusalKind;
  /** The clinic, when the AE title, token or upload named one. */
  clinicId: string | null;
  callingAe?: string | null;
  remoteAddress: string | null;
  userId?: string | null;
  /** The catalogue error the sender was given. */
  error: Pick<AppError, 'code' | 'message'>;
  /** When it happened (now by default; tests pass their clock). */
  at?: Date;
}

/**
 * Errors already recorded: an object refused inside `storeInstance` is recorded there, and the
 * door that passes the same error on (a STOW part, a tus upload) must not count it twice.
 */
const recorded = new WeakSet<object>();

/** Writes that have not settled yet, so tests and shutdown can wait for them. */
const pending = new Set<Promise<void>>();

let reportFailure: (e: unknown) => void = () => undefined;

/** Where a failed refusal write is reported (the process logger; nothing by default). */
export function onRefusalWriteError(fn: (e: unknown) => void): void {
  reportFailure = fn;
}

/**
 * Records a refusal without holding up the door: the write runs in the background and its
 * failure is reported, never thrown, so a database outage cannot slow or break a protocol path.
 * Identical refusals (door, remote address, calling AE, reason) within the same minute are one
 * row whose count grows, so a peer retrying thousands of times a minute adds one row a minute.
 */
export function recordRefusal(db: Db, r: Refusal): void {
  if (typeof r.error === 'object' && r.error !== null) {
    if (recorded.has(r.error)) return;
    recorded.add(r.error);
  }
  const p = writeRefusal(db, r).catch(reportFailure);
  pending.add(p);
  void p.finally(() => pending.delete(p));
}

/**
 * An address as support types it: an IPv4 peer of a dual-stack socket (`::ffff:203.0.113.7`)
 * as plain IPv4, so the filter and the per-minute coalescing see one address, not two spellings.
 */
function plainAddress(a: string | null): string {
  return (a ?? '').replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1').slice(0, 64);
}

/** Resolves once every refusal recorded so far is written (or failed). */
export async function refusalsSettled(): Promise<void> {
  while (pending.size) await Promise.all([...pending]);
}

async function writeRefusal(db: Db, r: Refusal): Promise<void> {
  const at = r.at ?? new Date();
  const minute = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
  await db
    .insertInto('inbound_refusals')
    .values({
      door: r.door,
      kind: r.kind,
      // A refusal may name a clinic or user that does not exist (an unregistered clinic id):
      // kept, unattributed, rather than lost to a foreign key.
      clinic_id: r.clinicId
        ? sql<string>`(select id from clinics where id = ${r.clinicId}::uuid)`
        : null,
      calling_ae: (r.callingAe ?? '').slice(0, 64),
      remote_address: plainAddress(r.remoteAddress),
      user_id: r.userId ? sql<string>`(select id from users where id = ${r.userId}::uuid)` : null,
      code: r.error.code,
      message: r.error.message.slice(0, 500),
      minute,
      first_at: at,
      last_at: at,
    })
    .onConflict((oc) =>
      oc.columns(['door', 'remote_address', 'calling_ae', 'code', 'minute']).doUpdateSet((eb) => ({
        count: eb('inbound_refusals.count', '+', 1),
        last_at: sql<Date>`greatest(inbound_refusals.last_at, excluded.last_at)`,
        clinic_id: sql<string | null>`coalesce(inbound_refusals.clinic_id, excluded.clinic_id)`,
      })),
    )
    .execute();
}

/**
 * The support feed: refusals newest first, filtered by clinic, door, reason, remote address and
 * time, within the caller's clinics (centre staff also see refusals no clinic could be named for).
 */
export async function listRefusals(
  db: Db,
  q: RefusalQuery,
  scope: ClinicScope,
): Promise<RefusalPage> {
  let base = db
    .selectFrom('inbound_refusals as r')
    .leftJoin('clinics as c', 'c.id', 'r.clinic_id')
    .where(inClinicScope(scope, 'r.clinic_id'));
  if (q.clinicId) base = base.where('r.clinic_id', '=', q.clinicId);
  if (q.door) base = base.where('r.door', '=', q.door);
  if (q.code) base = base.where('r.code', '=', q.code);
  if (q.remoteAddress) base = base.where('r.remote_address', '=', q.remoteAddress);
  if (q.from) base = base.where('r.last_at', '>=', new Date(q.from));
  if (q.to) base = base.where('r.first_at', '<', new Date(q.to));
  const [rows, total] = await Promise.all([
    base
      .select([
        'r.id',
        'r.door',
        'r.kind',
        'r.clinic_id',
        'c.code as clinic_code',
        'r.calling_ae',
        'r.remote_address',
        'r.user_id',
        'r.code',
        'r.message',
        'r.first_at',
        'r.last_at',
        'r.count',
      ])
      .orderBy('r.last_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r): InboundRefusal => ({
      id: String(r.id),
      door: r.door as InboundDoor,
      kind: r.kind as RefusalKind,
      clinicId: r.clinic_id,
      clinicCode: r.clinic_code,
      callingAe: r.calling_ae,
      remoteAddress: r.remote_address,
      userId: r.user_id,
      code: r.code,
      message: r.message,
      firstAt: r.first_at.toISOString(),
      lastAt: r.last_at.toISOString(),
      count: r.count,
    })),
    total: Number(total.n),
  };
}

/** Deletes refusals older than `days` (the retention sweep). Returns how many rows went. */
export async function sweepOldRefusals(db: Db, days: number, now = new Date()): Promise<number> {
  const r = await db
    .deleteFrom('inbound_refusals')
    .where('last_at', '<', new Date(now.getTime() - days * 86_400_000))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
