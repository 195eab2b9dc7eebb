import type { LastImage, RecentStudy, TrafficDay } from '@telerad/contracts';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { studyReadingStatuses } from '../worklist';

/*
 * What a clinic sent lately, for support's clinic pages. Every query is bounded by one clinic and
 * an index: `studies_clinic_last_received` (the last object), `studies_clinic_arrival` (arrivals
 * by day and the latest studies), and `instances_study` for each study's door, so the cost does
 * not grow with the archive (see migration 0043).
 */

/** The door, calling AE and user of an object; the study's first object says how it came in. */
const origin = (first: boolean) =>
  sql`(select i.door, i.calling_ae, i.user_id from instances i
        where i.study_id = s.id and i.current
        order by i.received_at ${sql.raw(first ? 'asc' : 'desc')} limit 1)`;

/**
 * The last object each clinic sent: when, by which door, from which AE or user. Clinics that
 * never sent anything are absent from the map.
 */
export async function lastImages(
  db: Db,
  clinicIds: readonly string[],
): Promise<Map<string, LastImage>> {
  if (clinicIds.length === 0) return new Map();
  const { rows } = await sql<{
    clinic_id: string;
    at: Date;
    door: string | null;
    calling_ae: string | null;
    user_name: string | null;
  }>`select c.id as clinic_id, s.last_received_at as at, o.door, o.calling_ae,
            u.display_name as user_name
       from unnest(${sql.val([...clinicIds])}::uuid[]) as c(id)
       cross join lateral (select s.id, s.last_received_at from studies s
                            where s.clinic_id = c.id
                            order by s.last_received_at desc limit 1) s
       left join lateral ${origin(false)} o on true
       left join users u on u.id = o.user_id`.execute(db);
  return new Map(
    rows.map((r) => [
      r.clinic_id,
      {
        at: r.at.toISOString(),
        door: r.door,
        callingAe: r.calling_ae,
        userName: r.user_name,
      },
    ]),
  );
}

/**
 * Studies first received per calendar day of the clinic (`timeZone`) and per door, over the
 * `days` days ending today; every day is listed, an empty one with no counts.
 */
export async function trafficByDay(
  db: Db,
  clinicId: string,
  timeZone: string,
  days: number,
  now: Date = new Date(),
): Promise<TrafficDay[]> {
  const { rows } = await sql<{ day: string; door: string | null; n: string }>`
    with bounds as (
      select (${now}::timestamptz at time zone ${timeZone})::date - ${days - 1}::int as first_day
    )
    select to_char((s.first_received_at at time zone ${timeZone})::date, 'YYYY-MM-DD') as day,
           o.door, count(*) as n
      from bounds, studies s
      left join lateral ${origin(true)} o on true
     where s.clinic_id = ${clinicId}
       and s.first_received_at >= (select first_day from bounds) at time zone ${timeZone}
     group by 1, 2`.execute(db);
  const { rows: calendar } = await sql<{ day: string }>`
    select to_char(d, 'YYYY-MM-DD') as day
      from generate_series((${now}::timestamptz at time zone ${timeZone})::date - ${days - 1}::int,
                           (${now}::timestamptz at time zone ${timeZone})::date,
                           interval '1 day') as d`.execute(db);
  return calendar.map(({ day }) => ({
    day,
    counts: Object.fromEntries(
      rows.filter((r) => r.day === day).map((r) => [r.door ?? 'unknown', Number(r.n)]),
    ),
  }));
}

/** The clinic's `limit` latest studies, newest first, with how and from whom each came. */
export async function recentStudies(
  db: Db,
  clinicId: string,
  limit: number,
  now: Date = new Date(),
): Promise<RecentStudy[]> {
  const { rows } = await sql<{
    id: string;
    study_uid: string;
    first_received_at: Date;
    patient_name: string | null;
    patient_id: string;
    num_instances: number;
    door: string | null;
    calling_ae: string | null;
    user_name: string | null;
  }>`select s.id, s.study_uid, s.first_received_at, s.patient_name, s.patient_id,
            s.num_instances, o.door, o.calling_ae, u.display_name as user_name
       from (select * from studies where clinic_id = ${clinicId}
              order by first_received_at desc limit ${limit}) s
       left join lateral ${origin(true)} o on true
       left join users u on u.id = o.user_id
      order by s.first_received_at desc`.execute(db);
  const statuses = await studyReadingStatuses(
    db,
    rows.map((r) => r.id),
    now,
  );
  return rows.map((r) => ({
    studyUid: r.study_uid,
    receivedAt: r.first_received_at.toISOString(),
    door: r.door,
    callingAe: r.calling_ae,
    userName: r.user_name,
    patientName: r.patient_name,
    patientId: r.patient_id,
    images: r.num_instances,
    readingStatus: statuses.get(r.id) ?? null,
  }));
}
