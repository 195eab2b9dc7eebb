import { DEFAULT_WORKING_HOURS, WorkingHours } from '@telerad/contracts';
import { auditedTransaction } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import type { ServiceSchedule } from '../centres';

/** Reads a stored week, falling back to the default for a missing or unreadable one. */
function parseHours(value: unknown): WorkingHours {
  const parsed = WorkingHours.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_WORKING_HOURS;
}

/** The working weeks of `clinicIds` (the default week for a clinic that never saved one). */
export async function workingHoursOf(
  db: Db,
  clinicIds: readonly string[],
): Promise<Map<string, WorkingHours>> {
  const out = new Map<string, WorkingHours>(clinicIds.map((id) => [id, DEFAULT_WORKING_HOURS]));
  if (clinicIds.length === 0) return out;
  const rows = await db
    .selectFrom('clinic_working_hours')
    .select(['clinic_id', 'weekly_hours'])
    .where('clinic_id', 'in', clinicIds)
    .execute();
  for (const r of rows) out.set(r.clinic_id, parseHours({ weeklyHours: r.weekly_hours }));
  return out;
}

/** One clinic's working week. */
export async function getWorkingHours(db: Db, clinicId: string): Promise<WorkingHours> {
  return (await workingHoursOf(db, [clinicId])).get(clinicId)!;
}

/** A clinic's week as a schedule the centres' hour arithmetic reads (no dated exceptions). */
export function scheduleOf(timeZone: string, hours: WorkingHours): ServiceSchedule {
  return { timeZone, weeklyHours: hours.weeklyHours, exceptions: [] };
}

/** Saves a clinic's working week, audited in the same transaction (before and after). */
export async function putWorkingHours(
  ctx: ServiceContext,
  clinicId: string,
  value: WorkingHours,
): Promise<WorkingHours> {
  const r = await auditedTransaction(
    ctx,
    async (trx) => {
      const clinic = await trx
        .selectFrom('clinics')
        .select('id')
        .where('id', '=', clinicId)
        .executeTakeFirst();
      if (!clinic) throw appError('NOT_FOUND');
      const before = await getWorkingHours(trx, clinicId);
      const json = JSON.stringify(value.weeklyHours);
      await trx
        .insertInto('clinic_working_hours')
        .values({ clinic_id: clinicId, weekly_hours: json, updated_at: new Date() })
        .onConflict((oc) =>
          oc.column('clinic_id').doUpdateSet({ weekly_hours: json, updated_at: new Date() }),
        )
        .execute();
      return { before, after: value };
    },
    (x) => ({ resourceId: clinicId, clinicId, details: x }),
  );
  return r.after;
}
