import type { RetakeKind, RetakeRate } from '@telerad/contracts';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { inClinicScope, type ClinicScope } from '../auth';

/**
 * The retake KPI: requests per clinic, kind, reason and day (UTC) beside the studies the clinic
 * sent that day, from the `retake_rates_daily` view, for days in `[from, to]` of the caller's
 * clinics.
 */
export async function retakeRates(
  db: Db,
  opts: { scope: ClinicScope; from: string; to: string },
): Promise<RetakeRate[]> {
  const rows = await db
    .selectFrom('retake_rates_daily as r')
    .innerJoin('clinics as c', 'c.id', 'r.clinic_id')
    .select([
      'r.clinic_id',
      'c.code',
      sql<string>`r.day::text`.as('day'),
      'r.kind',
      'r.reason',
      'r.requests',
      'r.studies',
      'r.rate',
    ])
    .where(inClinicScope(opts.scope, 'r.clinic_id'))
    .where(sql<boolean>`r.day between ${opts.from}::date and ${opts.to}::date`)
    .orderBy('r.day')
    .orderBy('c.code')
    .orderBy('r.kind')
    .orderBy('r.reason')
    .execute();
  return rows.map((r) => ({
    clinicId: r.clinic_id,
    clinicCode: r.code,
    day: r.day,
    kind: r.kind as RetakeKind,
    reason: r.reason,
    requests: r.requests,
    studies: r.studies,
    rate: r.rate === null ? null : Number(r.rate),
  }));
}
