import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db';
import { HOUR_MS, utcHourOfWeek } from './weekGrid';

/** What `seedArrivalHistory` writes: a clinic's studies over past days, each read and signed. */
export interface ArrivalHistory {
  clinicCode: string;
  /** History runs over the `days` whole days before this instant. */
  until: Date;
  days: number;
  /** Studies arriving in each UTC hour, by its ISO weekday (1 = Monday) and hour. */
  perHour: (isoDay: number, hour: number) => number;
  /** The reader who signs them, and the minutes each read takes from claim to sign. */
  readerUsername: string;
  readMinutes: number;
}

/**
 * Writes the history the capacity planner learns from, for tests: one study and one completed
 * primary read per arrival, created in its hour, claimed five minutes later by the reader and
 * signed `readMinutes` after the claim, at the clinic's home centre. Answers the number written.
 */
export async function seedArrivalHistory(db: Db, h: ArrivalHistory): Promise<number> {
  const clinic = await db
    .selectFrom('clinics')
    .select(['id', 'home_centre_id'])
    .where('code', '=', h.clinicCode)
    .executeTakeFirstOrThrow();
  const reader = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', h.readerUsername)
    .executeTakeFirstOrThrow();
  const end = Math.floor(h.until.getTime() / HOUR_MS) * HOUR_MS;
  const arrivals: Date[] = [];
  for (let t = end - h.days * 24 * HOUR_MS; t < end; t += HOUR_MS) {
    const how = utcHourOfWeek(new Date(t));
    const n = h.perHour(Math.floor(how / 24) + 1, how % 24);
    for (let i = 0; i < n; i++) arrivals.push(new Date(t + ((i * 7) % 50) * 60_000));
  }
  for (let i = 0; i < arrivals.length; i += 500) {
    const batch = arrivals.slice(i, i + 500);
    const studies = await db
      .insertInto('studies')
      .values(
        batch.map((at, j) => ({
          study_uid: `2.25.${BigInt(`0x${randomUUID().replaceAll('-', '')}`)}`,
          clinic_id: clinic.id,
          patient_id: `CAP-${i + j}`,
          patient_name: `HISTORY^${i + j}`,
          patient_name_norm: `HISTORY ${i + j}`,
          patient_birth_date: '1990-01-01',
          patient_sex: 'M',
          study_date: at.toISOString().slice(0, 10).replaceAll('-', ''),
          study_time: null,
          accession_number: null,
          study_id: null,
          study_description: 'CHEST PA',
          referring_physician: null,
          last_received_at: at,
          stable_at: at,
        })),
      )
      .returning('id')
      .execute();
    await db
      .insertInto('reading_tasks')
      .values(
        batch.map((at, j) => {
          const claimed = new Date(at.getTime() + 5 * 60_000);
          return {
            study_id: studies[j]!.id,
            clinic_id: clinic.id,
            type: 'primary_read',
            state: 'completed',
            centre_id: clinic.home_centre_id,
            assignee_id: reader.id,
            created_at: at,
            queued_at: at,
            due_at: new Date(at.getTime() + HOUR_MS),
            claimed_at: claimed,
            completed_at: new Date(claimed.getTime() + h.readMinutes * 60_000),
            routing_reason: 'history written for a test',
          };
        }),
      )
      .execute();
  }
  return arrivals.length;
}
