import {
  CAPACITY,
  type CapacityCell,
  type CapacitySummary,
  type RoutingRules,
} from '@telerad/contracts';
import { isOpen } from '../centres';
import { agentsForResponseLevel, erlangResponseLevel } from '../qa';
import { routeStudy, type RoutableCentre, type RoutableClinic } from '../worklist';
import { HOUR_MS, WEEK_HOURS, localHourOfWeek, utcHourOfWeek } from './weekGrid';

/**
 * The capacity planner's model (ADR 0029), with no I/O: each clinic's arrivals per UTC hour of
 * the week are routed the way the worklist routes them (home centre when open, else follow the
 * sun, else held for the earliest opening), pooled per centre, and each centre-hour is an M/M/N
 * queue whose turnaround level (Erlang C) gives the fewest readers meeting the SLA.
 */

/** A clinic with its expected arrivals per hour, by UTC hour of the planned week. */
export interface ClinicLoad {
  clinic: RoutableClinic;
  rates: readonly number[];
}

/** What the planner needs to know of a centre beyond its hours. */
export interface CentreStaffing {
  /** Mean minutes from claim to sign. */
  readMinutes: number;
  /** Readers on the roster while the centre is open. */
  rostered: number;
}

export interface PlanInput {
  /** Monday 00:00 UTC of the planned week. */
  weekStart: Date;
  centres: readonly RoutableCentre[];
  staffing: ReadonlyMap<string, CentreStaffing>;
  clinics: readonly ClinicLoad[];
  rules: RoutingRules;
  slaMinutes: number;
  slaTarget: number;
}

export interface CentreGrid extends CapacitySummary {
  cells: CapacityCell[];
}

/**
 * Expected reads per hour reaching each centre, by UTC hour of the week. Routing is evaluated at
 * the middle of each hour for a routine study; a study held while every centre is closed joins
 * the load of the hour its centre opens. Studies no centre will ever take are left out.
 */
export function routedLoad(input: PlanInput): Map<string, number[]> {
  const load = new Map(input.centres.map((c) => [c.id, new Array<number>(WEEK_HOURS).fill(0)]));
  const weekEnd = input.weekStart.getTime() + WEEK_HOURS * HOUR_MS;
  for (const { clinic, rates } of input.clinics) {
    rates.forEach((rate, h) => {
      if (rate <= 0) return;
      const at = new Date(input.weekStart.getTime() + h * HOUR_MS + HOUR_MS / 2);
      const route = routeStudy({
        clinic,
        centres: input.centres,
        rules: input.rules,
        priority: 'routine',
        at,
      });
      if (!route.centreId || !route.queuedAt) return;
      // A hold past the week's end wraps round to the same hour of the (typical) week.
      const queued = route.queuedAt.getTime();
      const wrapped = queued >= weekEnd ? queued - WEEK_HOURS * HOUR_MS : queued;
      load.get(route.centreId)![utcHourOfWeek(new Date(wrapped))]! += rate;
    });
  }
  return load;
}

/** One centre-hour: readers needed, and the level the rostered readers reach. */
export function staffHour(
  arrivals: number,
  rostered: number,
  readMinutes: number,
  slaMinutes: number,
  slaTarget: number,
): Pick<CapacityCell, 'recommended' | 'actual' | 'level' | 'atRisk'> {
  const traffic = (arrivals * readMinutes) / 60;
  const recommended = agentsForResponseLevel(traffic, slaMinutes, readMinutes, slaTarget);
  if (arrivals <= 0) return { recommended, actual: rostered, level: null, atRisk: false };
  const level = erlangResponseLevel(rostered, traffic, slaMinutes, readMinutes);
  return { recommended, actual: rostered, level, atRisk: level < slaTarget };
}

/** The plan of every centre: 168 cells each, in the centre's own time, with weekly totals. */
export function planCentres(input: PlanInput): CentreGrid[] {
  const load = routedLoad(input);
  return input.centres.map((centre) => {
    const staffing = input.staffing.get(centre.id) ?? {
      readMinutes: CAPACITY.defaultReadMinutes,
      rostered: 0,
    };
    const cells: CapacityCell[] = Array.from({ length: WEEK_HOURS }, (_, h) => ({
      day: Math.floor(h / 24) + 1,
      hour: h % 24,
      open: false,
      arrivals: 0,
      ...staffHour(0, 0, staffing.readMinutes, input.slaMinutes, input.slaTarget),
    }));
    const arrivals = load.get(centre.id)!;
    for (let h = 0; h < WEEK_HOURS; h++) {
      const mid = new Date(input.weekStart.getTime() + h * HOUR_MS + HOUR_MS / 2);
      const local = localHourOfWeek(mid, centre.timeZone);
      const open = isOpen(centre, mid);
      const rostered = open ? staffing.rostered : 0;
      cells[local] = {
        day: cells[local]!.day,
        hour: cells[local]!.hour,
        open,
        arrivals: arrivals[h]!,
        ...staffHour(
          arrivals[h]!,
          rostered,
          staffing.readMinutes,
          input.slaMinutes,
          input.slaTarget,
        ),
      };
    }
    return { centreId: centre.id, cells, ...totals(cells) };
  });
}

function totals(cells: readonly CapacityCell[]): Omit<CapacitySummary, 'centreId'> {
  return {
    weeklyArrivals: cells.reduce((s, c) => s + c.arrivals, 0),
    readerHoursRecommended: cells.reduce((s, c) => s + (c.recommended ?? 0), 0),
    readerHoursActual: cells.reduce((s, c) => s + c.actual, 0),
    hoursAtRisk: cells.filter((c) => c.atRisk).length,
  };
}
