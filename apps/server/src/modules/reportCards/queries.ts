import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { abnormalReadSql, resultKindsSql } from '../reports';
import type { Period } from './period';

/** One reader's primary reads signed and released in the period, as the cards count them. */
export interface ReaderTotals {
  readerId: string;
  reads: number;
  /** Reads with any result but normal (`abnormalReadSql`, the reports module's definition). */
  abnormal: number;
  /** Reads the reader sent to a consultant (a consultation task hangs off the reading task). */
  consulted: number;
  /** Raw and in-service-hours turnaround of the reads that recorded one, in minutes. */
  turnaround: number[];
  serviceTurnaround: number[];
}

/** The signed, released primary reads of the period (optionally one reader's). */
function readsOf(db: Db, p: Period, readerId?: string) {
  return (
    db
      .selectFrom('reports as r')
      .innerJoin('reading_tasks as t', 't.id', 'r.task_id')
      // A hash join on the forms' result kinds, not a lookup per read.
      .leftJoin(resultKindsSql().as('k'), (join) =>
        join.on(
          sql<boolean>`k.form_id = r.form_id and k.form_version = r.form_version
          and k.result = r.content->>'result'`,
        ),
      )
      .where('r.signed_by', 'is not', null)
      .where('r.released_at', 'is not', null)
      .where('r.signed_at', '>=', p.start)
      .where('r.signed_at', '<', p.end)
      .$if(readerId !== undefined, (qb) => qb.where('r.signed_by', '=', readerId!))
  );
}

/**
 * Every reader's totals over the period, counted in SQL: the cards compare each reader against
 * all of them. Only the turnarounds travel, as one array per reader, for the percentiles of
 * `modules/qa`; the reads themselves stay in the database.
 */
export async function totalsIn(db: Db, p: Period): Promise<ReaderTotals[]> {
  const rows = await readsOf(db, p)
    .select([
      'r.signed_by',
      sql<string>`count(*)`.as('reads'),
      sql<string>`count(*) filter (where ${abnormalReadSql('r', 'k')})`.as('abnormal'),
      // One hashed pass over the consultation tasks, not a lookup per read.
      sql<string>`count(*) filter (where r.task_id in (select c.parent_task_id
        from reading_tasks c where c.type = 'consultation'))`.as('consulted'),
      sql<string[] | null>`array_agg(t.turnaround_minutes)
        filter (where t.turnaround_minutes is not null)`.as('turnaround'),
      sql<string[] | null>`array_agg(t.service_turnaround_minutes)
        filter (where t.service_turnaround_minutes is not null)`.as('service'),
    ])
    .groupBy('r.signed_by')
    .execute();
  return rows.map((r) => ({
    readerId: r.signed_by!,
    reads: Number(r.reads),
    abnormal: Number(r.abnormal),
    consulted: Number(r.consulted),
    turnaround: (r.turnaround ?? []).map(Number),
    serviceTurnaround: (r.service ?? []).map(Number),
  }));
}

/** One reader's reads per week (its Monday, UTC) in the period. */
export async function weeklyReads(
  db: Db,
  p: Period,
  readerId: string,
): Promise<Map<string, number>> {
  const rows = await readsOf(db, p, readerId)
    .select([
      sql<string>`to_char(date_trunc('week', r.signed_at at time zone 'UTC'), 'YYYY-MM-DD')`.as(
        'week',
      ),
      sql<string>`count(*)`.as('reads'),
    ])
    .groupBy(sql`1`)
    .execute();
  return new Map(rows.map((r) => [r.week, Number(r.reads)]));
}

/** QC re-reads of clinic reads done in the period, by re-reader and agreement class. */
export async function qcAgreementIn(
  db: Db,
  p: Period,
): Promise<{ readerId: string; agreement: string; n: number }[]> {
  const rows = await db
    .selectFrom('clinic_reads')
    .select(['centre_reader_id', 'agreement', sql<string>`count(*)`.as('n')])
    .where('centre_reader_id', 'is not', null)
    .where('agreement', 'is not', null)
    .where('reread_at', '>=', p.start)
    .where('reread_at', '<', p.end)
    .groupBy(['centre_reader_id', 'agreement'])
    .execute();
  return rows.map((r) => ({
    readerId: r.centre_reader_id!,
    agreement: r.agreement!,
    n: Number(r.n),
  }));
}

/** The RADPEER scores given in the period to reads of `readerIds` (all readers when omitted). */
export async function scoresIn(
  db: Db,
  p: Period,
  readerId?: string,
): Promise<{ readerId: string; score: string }[]> {
  const rows = await db
    .selectFrom('peer_reviews')
    .select(['reader_id', 'score'])
    .where('score', 'is not', null)
    .where('scored_at', '>=', p.start)
    .where('scored_at', '<', p.end)
    .$if(readerId !== undefined, (qb) => qb.where('reader_id', '=', readerId!))
    .execute();
  return rows.map((r) => ({ readerId: r.reader_id, score: r.score! }));
}

/** The people who read in the period or hold a reading role, by id: whose cards there are. */
export async function readers(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where((eb) =>
      eb.or([
        eb.and([
          eb('active', '=', true),
          sql<boolean>`roles && array['radiologist', 'consultant']::text[]`,
        ]),
        ...(ids.length ? [eb('id', 'in', ids)] : []),
      ]),
    )
    .orderBy('display_name')
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** The reader `id` names, or null when it names nobody who reads (or ever read) here. */
export async function readerOf(db: Db, id: string): Promise<{ id: string; name: string } | null> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        sql<boolean>`roles && array['radiologist', 'consultant']::text[]`,
        eb.exists(eb.selectFrom('reports').select('id').where('signed_by', '=', id)),
      ]),
    )
    .executeTakeFirst();
  return row ? { id: row.id, name: row.display_name } : null;
}
