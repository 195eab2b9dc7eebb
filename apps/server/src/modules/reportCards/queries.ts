import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { isAbnormalRead } from '../reports';
import type { Period } from './period';

/** One primary read signed and released in the period, as the cards count it. */
export interface CardRead {
  readerId: string;
  signedAt: Date;
  /** Raw and in-service-hours turnaround of its reading task, in minutes (null if unrecorded). */
  turnaround: number | null;
  serviceTurnaround: number | null;
  abnormal: boolean;
  /** The reader sent it to a consultant (a consultation task hangs off its reading task). */
  consulted: boolean;
}

/**
 * Every primary read signed in the period and released to the clinic, by any reader: the cards
 * compare each reader against all of them. Read-only; the result and findings count are taken
 * out of the report's content in SQL so the whole content is not carried.
 */
export async function readsIn(db: Db, p: Period): Promise<CardRead[]> {
  const rows = await db
    .selectFrom('reports as r')
    .innerJoin('reading_tasks as t', 't.id', 'r.task_id')
    .select([
      'r.signed_by',
      'r.signed_at',
      'r.form_id',
      'r.form_version',
      't.turnaround_minutes',
      't.service_turnaround_minutes',
      sql<string | null>`r.content->>'result'`.as('result'),
      sql<number>`coalesce(jsonb_array_length(r.content->'findings'), 0)`.as('findings'),
      sql<boolean>`exists (select 1 from reading_tasks c
        where c.parent_task_id = r.task_id and c.type = 'consultation')`.as('consulted'),
    ])
    .where('r.signed_by', 'is not', null)
    .where('r.released_at', 'is not', null)
    .where('r.signed_at', '>=', p.start)
    .where('r.signed_at', '<', p.end)
    .execute();
  const minutes = (v: string | null) => (v === null ? null : Number(v));
  return rows.map((r) => ({
    readerId: r.signed_by!,
    signedAt: r.signed_at!,
    turnaround: minutes(r.turnaround_minutes),
    serviceTurnaround: minutes(r.service_turnaround_minutes),
    abnormal: isAbnormalRead(r.form_id, r.form_version, r.result, Number(r.findings)),
    consulted: r.consulted,
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
