/**
 * Test support for the Modality Worklist (not imported by production code): the clinic's today,
 * and orders registered through the orders module's own insert. The DCMTK side is
 * `testing/dicom/worklistScu.ts`.
 */
import { randomUUID } from 'node:crypto';
import type { Order, OrderCreate } from '@telerad/contracts';
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { insertOrder } from '../orders';

/** The clinic `code`'s id and its today (`YYYY-MM-DD` in its time zone). */
export async function clinicToday(db: Db, code: string): Promise<{ id: string; today: string }> {
  const r = await sql<{ id: string; today: string }>`
    select id, to_char((now() at time zone time_zone)::date, 'YYYY-MM-DD') as today
    from clinics where code = ${code}`.execute(db);
  return r.rows[0]!;
}

/** A service context for test set-up: the demo admin, who may act for every clinic. */
export async function adminContext(db: Db): Promise<ServiceContext> {
  const admin = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'admin')
    .executeTakeFirstOrThrow();
  return {
    actor: {
      userId: admin.id,
      username: 'admin',
      displayName: 'admin',
      roles: ['admin'],
      clinicIds: [],
      via: 'session',
    },
    requestId: randomUUID(),
    ip: null,
    db,
  };
}

/** Registers an order for the clinic `code` as the portal would (accession number given). */
export async function scheduleOrder(
  ctx: ServiceContext,
  code: string,
  input: OrderCreate,
): Promise<Order> {
  const c = await ctx.db
    .selectFrom('clinics')
    .select(['id', 'programmes', 'time_zone'])
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  const clinic = { id: c.id, programmes: c.programmes, timeZone: c.time_zone };
  return ctx.db.transaction().execute((trx) => insertOrder(ctx, trx, clinic, input, 'portal'));
}
