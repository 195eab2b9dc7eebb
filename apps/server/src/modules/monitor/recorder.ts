import type { RefusalDoor, RefusalKind } from '@telerad/contracts';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import type { AppError } from '../../platform/errors';

/** One refusal at a door, as the door saw it. */
export interface Refusal {
  door: RefusalDoor;
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

/** Refusals gathered in memory, one entry per row key, until the next flush. */
interface Gathered {
  db: Db;
  r: Refusal;
  remote: string;
  ae: string;
  minute: Date;
  firstAt: Date;
  lastAt: Date;
  count: number;
}

/** How long refusals gather before they are written, and how many distinct keys at most. */
const FLUSH_MS = 500;
const MAX_KEYS = 2_000;

/**
 * Errors already recorded: an object refused inside `storeInstance` is recorded there, and the
 * door that passes the same error on (a STOW part, a tus upload) must not count it twice.
 */
const recorded = new WeakSet<object>();
const gathered = new Map<string, Gathered>();
let timer: NodeJS.Timeout | null = null;
/** Writes that have not settled yet, so tests and shutdown can wait for them. */
const pending = new Set<Promise<void>>();

let reportFailure: (e: unknown) => void = () => undefined;

/** Where a failed refusal write is reported (the process logger; nothing by default). */
export function onRefusalWriteError(fn: (e: unknown) => void): void {
  reportFailure = fn;
}

/**
 * An address as support types it: an IPv4 peer of a dual-stack socket (`::ffff:203.0.113.7`)
 * as plain IPv4, so the filter and the per-minute coalescing see one address, not two spellings.
 */
function plainAddress(a: string | null): string {
  return (a ?? '').replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1').slice(0, 64);
}

/**
 * Records a refusal without holding up the door: it is counted in memory and written in the
 * background every half second, its failure reported, never thrown, so neither a database outage
 * nor a flood can slow or break a protocol path. Identical refusals (door, remote address,
 * calling AE, reason) within the same minute are one row whose count grows: a peer retrying
 * thousands of times a minute costs one upsert per flush and adds one row a minute.
 */
export function recordRefusal(db: Db, r: Refusal): void {
  if (recorded.has(r.error)) return;
  recorded.add(r.error);
  const at = r.at ?? new Date();
  const minute = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
  const remote = plainAddress(r.remoteAddress);
  const ae = (r.callingAe ?? '').slice(0, 64);
  const key = [r.door, remote, ae, r.error.code, minute.getTime()].join('\u0000');
  const g = gathered.get(key);
  if (g) {
    g.count++;
    if (at < g.firstAt) g.firstAt = at;
    if (at > g.lastAt) g.lastAt = at;
  } else {
    gathered.set(key, { db, r, remote, ae, minute, firstAt: at, lastAt: at, count: 1 });
  }
  if (gathered.size >= MAX_KEYS) flush();
  else timer ??= setTimeout(flush, FLUSH_MS).unref();
}

/** Writes what has gathered, one upsert per row key. */
function flush(): void {
  if (timer) clearTimeout(timer);
  timer = null;
  const batch = [...gathered.values()];
  gathered.clear();
  if (batch.length === 0) return;
  const p = Promise.all(batch.map((g) => writeRefusal(g).catch(reportFailure))).then(
    () => undefined,
  );
  pending.add(p);
  void p.finally(() => pending.delete(p));
}

/** Writes what has gathered now, and resolves once every refusal recorded so far is written. */
export async function refusalsSettled(): Promise<void> {
  flush();
  while (pending.size) await Promise.all([...pending]);
}

async function writeRefusal(g: Gathered): Promise<void> {
  const { r } = g;
  await g.db
    .insertInto('inbound_refusals')
    .values({
      door: r.door,
      kind: r.kind,
      // A refusal may name a clinic or user that does not exist (an unregistered clinic id):
      // kept, unattributed, rather than lost to a foreign key.
      clinic_id: r.clinicId
        ? sql<string>`(select id from clinics where id = ${r.clinicId}::uuid)`
        : null,
      calling_ae: g.ae,
      remote_address: g.remote,
      user_id: r.userId ? sql<string>`(select id from users where id = ${r.userId}::uuid)` : null,
      code: r.error.code,
      message: r.error.message.slice(0, 500),
      minute: g.minute,
      first_at: g.firstAt,
      last_at: g.lastAt,
      count: g.count,
    })
    .onConflict((oc) =>
      oc.columns(['door', 'remote_address', 'calling_ae', 'code', 'minute']).doUpdateSet((eb) => ({
        count: eb('inbound_refusals.count', '+', eb.ref('excluded.count')),
        first_at: sql<Date>`least(inbound_refusals.first_at, excluded.first_at)`,
        last_at: sql<Date>`greatest(inbound_refusals.last_at, excluded.last_at)`,
        clinic_id: sql<string | null>`coalesce(inbound_refusals.clinic_id, excluded.clinic_id)`,
      })),
    )
    .execute();
}
