import { CAPACITY } from '@telerad/contracts';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { WEEK_HOURS, hourOfWeek } from './weekGrid';

/**
 * What the planner learns from: primary reads created (a study became stable and joined the
 * reading workflow), by clinic and hour of the week; how long each reader takes from claim to
 * sign; and who is on the roster. Counts and means only, never a patient.
 */

/** A clinic's arrivals in the history window, by UTC and by its own local hour of the week. */
export interface ClinicArrivals {
  clinicId: string;
  code: string;
  name: string;
  timeZone: string;
  homeCentreId: string;
  programmes: string[];
  utc: number[];
  local: number[];
  total: number;
}

/** The first primary read created in [from, to), or null. */
export async function firstArrival(db: Db, from: Date, to: Date): Promise<Date | null> {
  const row = await db
    .selectFrom('reading_tasks')
    .select((eb) => eb.fn.min('created_at').as('first'))
    .where('type', '=', 'primary_read')
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .executeTakeFirst();
  return row?.first ? new Date(row.first as Date) : null;
}

/** Each clinic's primary reads created in [from, to), by hour of the week. */
export async function arrivalsByClinic(db: Db, from: Date, to: Date): Promise<ClinicArrivals[]> {
  const rows = await db
    .selectFrom('reading_tasks as t')
    .innerJoin('clinics as c', 'c.id', 't.clinic_id')
    .select([
      'c.id',
      'c.code',
      'c.name',
      'c.time_zone',
      'c.home_centre_id',
      'c.programmes',
      sql<number>`extract(isodow from t.created_at at time zone 'UTC')::int`.as('utc_day'),
      sql<number>`extract(hour from t.created_at at time zone 'UTC')::int`.as('utc_hour'),
      sql<number>`extract(isodow from t.created_at at time zone c.time_zone)::int`.as('local_day'),
      sql<number>`extract(hour from t.created_at at time zone c.time_zone)::int`.as('local_hour'),
      sql<number>`count(*)::int`.as('n'),
    ])
    .where('t.type', '=', 'primary_read')
    .where('t.created_at', '>=', from)
    .where('t.created_at', '<', to)
    .groupBy(['c.id', 'utc_day', 'utc_hour', 'local_day', 'local_hour'])
    .execute();
  const byClinic = new Map<string, ClinicArrivals>();
  for (const r of rows) {
    let c = byClinic.get(r.id);
    if (!c) {
      c = {
        clinicId: r.id,
        code: r.code,
        name: r.name,
        timeZone: r.time_zone,
        homeCentreId: r.home_centre_id,
        programmes: r.programmes,
        utc: new Array<number>(WEEK_HOURS).fill(0),
        local: new Array<number>(WEEK_HOURS).fill(0),
        total: 0,
      };
      byClinic.set(r.id, c);
    }
    c.utc[hourOfWeek(r.utc_day, r.utc_hour)]! += r.n;
    c.local[hourOfWeek(r.local_day, r.local_hour)]! += r.n;
    c.total += r.n;
  }
  return [...byClinic.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** A reader's signed primary reads at one centre and their mean minutes from claim to sign. */
export interface ReadingTime {
  centreId: string;
  userId: string;
  name: string;
  reads: number;
  readMinutes: number;
}

/**
 * Reading times of primary reads signed in [from, to), per centre and reader. Claims held past
 * `CAPACITY.maxReadMinutes` are reads left open, not reading, and are left out.
 */
export async function readingTimes(db: Db, from: Date, to: Date): Promise<ReadingTime[]> {
  const minutes = sql<number>`extract(epoch from (t.completed_at - t.claimed_at)) / 60`;
  const rows = await db
    .selectFrom('reading_tasks as t')
    .innerJoin('users as u', 'u.id', 't.assignee_id')
    .select([
      't.centre_id',
      'u.id',
      'u.display_name',
      sql<number>`count(*)::int`.as('reads'),
      sql<number>`avg(${minutes})::float8`.as('read_minutes'),
    ])
    .where('t.type', '=', 'primary_read')
    .where('t.state', '=', 'completed')
    .where('t.centre_id', 'is not', null)
    .where('t.claimed_at', 'is not', null)
    .where('t.completed_at', '>=', from)
    .where('t.completed_at', '<', to)
    .where(minutes, '>', 0)
    .where(minutes, '<=', CAPACITY.maxReadMinutes)
    .groupBy(['t.centre_id', 'u.id', 'u.display_name'])
    .orderBy('u.display_name')
    .execute();
  return rows.map((r) => ({
    centreId: r.centre_id!,
    userId: r.id,
    name: r.display_name,
    reads: r.reads,
    readMinutes: r.read_minutes,
  }));
}

/** A reader whose shift choice is on; `centreId` null serves every centre. */
export interface RosteredReader {
  userId: string;
  name: string;
  centreId: string | null;
}

/** Active readers (radiologists, consultants) whose shift choice is on: the actual roster. */
export async function rosteredReaders(db: Db): Promise<RosteredReader[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'centre_id'])
    .where('active', '=', true)
    .where('shift_choice', '=', true)
    .where(sql<boolean>`roles && array['radiologist', 'consultant']::text[]`)
    .orderBy('display_name')
    .execute();
  return rows.map((r) => ({ userId: r.id, name: r.display_name, centreId: r.centre_id }));
}
