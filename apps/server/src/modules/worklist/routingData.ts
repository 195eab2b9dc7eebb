import { Programme, type Priority } from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { slaDueAt, type RoutableCentre, type RoutableClinic } from './routing';
import { getRoutingRules } from './rules';

/** Every centre with its service hours, by name (routing's tie order). */
export async function loadRoutableCentres(db: Db): Promise<RoutableCentre[]> {
  const rows = await db.selectFrom('centres').selectAll().orderBy('name').execute();
  return rows.map((c): RoutableCentre => ({
    id: c.id,
    name: c.name,
    timeZone: c.time_zone,
    weeklyHours: c.weekly_hours as RoutableCentre['weeklyHours'],
    exceptions: c.exceptions as RoutableCentre['exceptions'],
  }));
}

/** Programmes are validated on write; skip any a newer version may have added. */
export function knownProgrammes(programmes: readonly string[]): Programme[] {
  return programmes.flatMap((p) => {
    const parsed = Programme.safeParse(p);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The clinics with these ids, as routing sees them, by id. */
export async function loadRoutableClinics(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, RoutableClinic>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('clinics')
    .select(['id', 'code', 'home_centre_id', 'programmes'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(
    rows.map((c) => [
      c.id,
      {
        id: c.id,
        code: c.code,
        homeCentreId: c.home_centre_id,
        programmes: knownProgrammes(c.programmes),
      },
    ]),
  );
}

/**
 * When a task of clinic `clinicId` queued at `queuedAt` is due, under the routing rules in force
 * (`slaDueAt` with the clinic and rules loaded). `programme`, the receiving programme the clinic
 * chose for the study, narrows the programme targets to that one programme's; without it every
 * programme the clinic serves counts.
 */
export async function dueAtFor(
  db: Db,
  clinicId: string,
  priority: Priority,
  queuedAt: Date,
  programme?: Programme | null,
): Promise<Date> {
  const [clinics, { rules }] = await Promise.all([
    loadRoutableClinics(db, [clinicId]),
    getRoutingRules(db),
  ]);
  const clinic = clinics.get(clinicId);
  if (!clinic) throw new Error(`no clinic ${clinicId} to time a task of`);
  return slaDueAt(rules, timedBy(clinic, programme), priority, queuedAt);
}

/**
 * The clinic as a read's SLA sees it: with only `programme`, the one the clinic chose for the
 * study, or with all its programmes while it chose none.
 */
export function timedBy(clinic: RoutableClinic, programme?: Programme | null): RoutableClinic {
  return programme ? { ...clinic, programmes: [programme] } : clinic;
}
