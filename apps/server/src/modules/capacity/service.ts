import {
  CAPACITY,
  type CapacityCentrePlan,
  type CapacityHoursWhatIf,
  type CapacityPlanAnswer,
  type CapacityPlanBody,
  type WeeklyInterval,
} from '@telerad/contracts';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { listCentres } from '../centres';
import { getRoutingRules, type RoutableCentre } from '../worklist';
import {
  arrivalsByClinic,
  firstArrival,
  readingTimes,
  rosteredReaders,
  type ReadingTime,
  type RosteredReader,
} from './history';
import { planCentres, type CentreStaffing, type ClinicLoad } from './planner';
import { localArrivalProfile, whatIfClinicRates } from './profile';
import { HOUR_MS, hourOccurrences, nextWeekStart } from './weekGrid';

const DAY_MS = 24 * HOUR_MS;

/** The id a what-if clinic routes under: it is no record. */
const WHAT_IF_CLINIC_ID = 'what-if';

function clock(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

/** The what-if hours as a weekly schedule: every day from `open` to `close`. */
function everyDay(h: CapacityHoursWhatIf): WeeklyInterval[] {
  return [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open: clock(h.open), close: clock(h.close) }));
}

/**
 * A staffing plan for next week from the arrival history (ADR 0029): per centre and hour of the
 * week, the readers the SLA needs against the rostered readers, and the hours at risk. The
 * what-ifs move a centre's hours (load re-routes by service hours) and add a clinic shaped like
 * the existing clinics' days; `baseline` then gives each centre's totals without them.
 */
export async function planCapacity(
  ctx: ServiceContext,
  body: CapacityPlanBody,
  now = new Date(),
): Promise<CapacityPlanAnswer> {
  const weeks = body.weeks ?? CAPACITY.defaultWeeks;
  const slaTarget = body.slaTarget ?? CAPACITY.defaultSlaTarget;
  const { rules } = await getRoutingRules(ctx.db);
  const slaMinutes =
    body.slaMinutes ?? rules.slaMinutes.byPriority.routine ?? rules.slaMinutes.default;
  const windowFrom = new Date(now.getTime() - weeks * 7 * DAY_MS);
  const first = await firstArrival(ctx.db, windowFrom, now);
  const from = first ? new Date(Math.floor(first.getTime() / HOUR_MS) * HOUR_MS) : now;
  const historyDays = (now.getTime() - from.getTime()) / DAY_MS;
  const answer = {
    historyDays: Math.round(historyDays * 10) / 10,
    minHistoryDays: CAPACITY.minHistoryDays,
    from: from.toISOString(),
    to: now.toISOString(),
    slaMinutes,
    slaTarget,
  };
  const centres = await listCentres(ctx);
  const hours = body.hours;
  if (hours && !centres.some((c) => c.id === hours.centreId)) throw appError('NOT_FOUND');
  if (body.newClinic && !centres.some((c) => c.id === body.newClinic!.homeCentreId))
    throw appError('NOT_FOUND');
  if (historyDays < CAPACITY.minHistoryDays)
    return { ...answer, enough: false, clinics: [], centres: [], baseline: null };

  const [arrivals, times, roster] = await Promise.all([
    arrivalsByClinic(ctx.db, from, now),
    readingTimes(ctx.db, from, now),
    rosteredReaders(ctx.db),
  ]);
  const occurrences = hourOccurrences(from, now);
  const loads: ClinicLoad[] = arrivals.map((a) => ({
    clinic: {
      id: a.clinicId,
      code: a.code,
      homeCentreId: a.homeCentreId,
      programmes: a.programmes as ClinicLoad['clinic']['programmes'],
    },
    rates: a.utc.map((n, h) => (occurrences[h]! > 0 ? n / occurrences[h]! : 0)),
  }));
  const weekStart = nextWeekStart(now);
  // A typical week: dated exceptions (holidays) are not part of the pattern being staffed.
  const routable: RoutableCentre[] = centres.map((c) => ({
    id: c.id,
    name: c.name,
    timeZone: c.timeZone,
    weeklyHours: c.weeklyHours,
    exceptions: [],
  }));
  const staffing = new Map(centres.map((c) => [c.id, staffingOf(c.id, times, roster)] as const));
  const base = { weekStart, staffing, rules, slaMinutes, slaTarget };
  const whatIfCentres = routable.map((c) =>
    hours && c.id === hours.centreId ? { ...c, weeklyHours: everyDay(hours) } : c,
  );
  const whatIfLoads = [...loads];
  if (body.newClinic) {
    const profile = localArrivalProfile(arrivals.map((a) => a.local));
    whatIfLoads.push({
      clinic: {
        id: WHAT_IF_CLINIC_ID,
        code: body.newClinic.name,
        homeCentreId: body.newClinic.homeCentreId,
        programmes: [],
      },
      rates: whatIfClinicRates(
        profile,
        body.newClinic.dailyVolume,
        body.newClinic.timeZone,
        weekStart,
      ),
    });
  }
  const grids = planCentres({ ...base, centres: whatIfCentres, clinics: whatIfLoads });
  const whatIf = Boolean(hours || body.newClinic);
  const baseline = whatIf
    ? planCentres({ ...base, centres: routable, clinics: loads }).map(
        ({ cells: _cells, ...summary }) => summary,
      )
    : null;
  const plans: CapacityCentrePlan[] = grids.map((grid) => {
    const centre = centres.find((c) => c.id === grid.centreId)!;
    const s = staffing.get(centre.id)!;
    const onShift = new Set(rosterOf(centre.id, roster).map((r) => r.userId));
    return {
      ...grid,
      name: centre.name,
      timeZone: centre.timeZone,
      readMinutes: s.readMinutes,
      readMinutesMeasured: s.measured,
      readers: times
        .filter((t) => t.centreId === centre.id)
        .map((t) => ({
          userId: t.userId,
          name: t.name,
          reads: t.reads,
          readMinutes: t.readMinutes,
          onShift: onShift.has(t.userId),
        })),
    };
  });
  return {
    ...answer,
    enough: true,
    clinics: arrivals.map((a) => ({
      clinicId: a.clinicId,
      code: a.code,
      name: a.name,
      weeklyArrivals: (a.total / historyDays) * 7,
    })),
    centres: plans,
    baseline,
  };
}

function rosterOf(centreId: string, roster: readonly RosteredReader[]): RosteredReader[] {
  return roster.filter((r) => r.centreId === null || r.centreId === centreId);
}

/** A centre's mean read time (weighted by reads), or the default, and its rostered readers. */
function staffingOf(
  centreId: string,
  times: readonly ReadingTime[],
  roster: readonly RosteredReader[],
): CentreStaffing & { measured: boolean } {
  const mine = times.filter((t) => t.centreId === centreId);
  const reads = mine.reduce((s, t) => s + t.reads, 0);
  const readMinutes =
    reads > 0
      ? mine.reduce((s, t) => s + t.reads * t.readMinutes, 0) / reads
      : CAPACITY.defaultReadMinutes;
  return { readMinutes, measured: reads > 0, rostered: rosterOf(centreId, roster).length };
}
