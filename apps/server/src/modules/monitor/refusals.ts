import type {
  InboundRefusal,
  RefusalDoor,
  RefusalKind,
  RefusalPage,
  RefusalQuery,
} from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { inClinicScope, type ClinicScope } from '../auth';

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
      door: r.door as RefusalDoor,
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
