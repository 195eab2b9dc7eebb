import {
  DUPLICATE_WINDOW_DAYS,
  type Order,
  type OrderDuplicateQuery,
  type OrderDuplicates,
  type OrderListQuery,
  type OrderSource,
} from '@telerad/contracts';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { assertClinicScope, clinicScope, inClinicScope } from '../auth';
import { matchedStudyUid, toOrder } from './rows';

/** `%`, `_` and `\` are literal in a search. */
const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The most orders one list answers (a clinic's busiest day is a few hundred). */
const LIST_LIMIT = 1000;

/**
 * The caller's clinics' orders, newest first. Without a date or a search it lists today's, each
 * clinic's today in its own time zone; a search by ID, name or accession spans every day unless a
 * date is given too.
 */
export async function listOrders(ctx: ServiceContext, q: OrderListQuery): Promise<Order[]> {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  const where: Expression<SqlBool>[] = [inClinicScope(clinicScope(ctx.actor), 'o.clinic_id')];
  if (q.clinicId) where.push(sql<SqlBool>`o.clinic_id = ${q.clinicId}`);
  if (q.status) where.push(sql<SqlBool>`o.status = ${q.status}`);
  if (q.q) {
    const like = `%${likeLiteral(q.q)}%`;
    where.push(
      sql<SqlBool>`(o.patient_id ilike ${like} or o.patient_name ilike ${like} or o.accession_number ilike ${like})`,
    );
  }
  if (q.date) where.push(sql<SqlBool>`o.scheduled_date = ${q.date}::date`);
  else if (!q.q)
    where.push(sql<SqlBool>`o.scheduled_date = (now() at time zone c.time_zone)::date`);
  const rows = await ctx.db
    .selectFrom('orders as o')
    .innerJoin('clinics as c', 'c.id', 'o.clinic_id')
    .selectAll('o')
    .select(matchedStudyUid())
    .where((eb) => eb.and(where))
    .orderBy('o.created_at', 'desc')
    .limit(LIST_LIMIT)
    .execute();
  return rows.map(toOrder);
}

/** One order; the route's scope check has already refused another clinic's. */
export async function getOrder(ctx: ServiceContext, id: string): Promise<Order> {
  const row = await ctx.db
    .selectFrom('orders as o')
    .selectAll('o')
    .select(matchedStudyUid())
    .where('o.id', '=', id)
    .executeTakeFirst();
  if (!row) throw appError('NOT_FOUND', undefined, 'No such order.');
  assertClinicScope(ctx.actor!, row.clinic_id);
  return toOrder(row);
}

/**
 * Applicants the clinic registered in the last `DUPLICATE_WINDOW_DAYS` (cancelled orders
 * excepted) with the same applicant ID, or the same family name (any case) and birth date: the
 * form warns before a second registration of the same person.
 */
export async function findDuplicates(
  ctx: ServiceContext,
  clinicId: string,
  q: OrderDuplicateQuery,
  now: Date = new Date(),
): Promise<OrderDuplicates> {
  assertClinicScope(ctx.actor!, clinicId);
  const byId = q.patientId ? q.patientId : null;
  const byName = q.familyName && q.birthDate ? { family: q.familyName, birth: q.birthDate } : null;
  if (!byId && !byName) return { items: [] };
  const since = new Date(now.getTime() - DUPLICATE_WINDOW_DAYS * 86_400_000);
  const idMatch = byId ? sql<SqlBool>`o.patient_id = ${byId}` : sql<SqlBool>`false`;
  const nameMatch = byName
    ? sql<SqlBool>`(lower(split_part(o.patient_name, '^', 1)) = lower(${byName.family})
        and o.birth_date = ${byName.birth}::date)`
    : sql<SqlBool>`false`;
  const rows = await ctx.db
    .selectFrom('orders as o')
    .selectAll('o')
    .select(matchedStudyUid())
    .select(idMatch.as('id_match'))
    .where('o.clinic_id', '=', clinicId)
    .where('o.status', '<>', 'cancelled')
    .where('o.created_at', '>=', since)
    .where((eb) => eb.or([idMatch, nameMatch]))
    .orderBy('o.created_at', 'desc')
    .limit(20)
    .execute();
  return {
    items: rows.map(({ id_match, ...r }) => ({
      ...toOrder(r),
      matchedOn: id_match ? ('patientId' as const) : ('nameAndBirthDate' as const),
    })),
  };
}

/**
 * A clinic's orders named by a sender's identifier: its order number from `source` (any of
 * `externalIds` exactly, or ending `|<externalValue>` when the identifier's system is not known)
 * or its accession number. FHIR's conditional create and search by identifier read this.
 */
export async function ordersByIdentifier(
  db: Db,
  clinicId: string,
  q: {
    source: OrderSource;
    externalIds: readonly string[];
    externalValue?: string;
    accessionNumber?: string;
  },
): Promise<Order[]> {
  const rows = await db
    .selectFrom('orders as o')
    .selectAll('o')
    .select(matchedStudyUid())
    .where('o.clinic_id', '=', clinicId)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('o.source', '=', q.source),
          eb.or([
            ...(q.externalIds.length ? [eb('o.external_id', 'in', q.externalIds)] : []),
            ...(q.externalValue
              ? [eb('o.external_id', 'like', `%|${likeLiteral(q.externalValue)}`)]
              : []),
            sql<SqlBool>`false`,
          ]),
        ]),
        ...(q.accessionNumber ? [eb('o.accession_number', '=', q.accessionNumber)] : []),
      ]),
    )
    .orderBy('o.created_at')
    .limit(10)
    .execute();
  return rows.map(toOrder);
}

/** The order a study answers (matched to it), with its accession number; null when none. */
export async function orderOfStudy(
  db: Db,
  studyId: string,
): Promise<{ id: string; accessionNumber: string } | null> {
  const row = await db
    .selectFrom('orders')
    .select(['id', 'accession_number'])
    .where('study_id', '=', studyId)
    .where('status', '=', 'matched')
    .executeTakeFirst();
  return row ? { id: row.id, accessionNumber: row.accession_number } : null;
}
