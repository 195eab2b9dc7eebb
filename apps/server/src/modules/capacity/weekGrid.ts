/**
 * The hour-of-week grid the planner works on: 168 hours, Monday 00:00 first (ISO weekdays), in
 * UTC for arrivals and routing, and in a centre's or clinic's own time for what people read.
 */

/** Hours in a week. */
export const WEEK_HOURS = 168;
export const HOUR_MS = 3_600_000;

/** The index of an ISO weekday (1 = Monday) and hour in the grid. */
export function hourOfWeek(isoDay: number, hour: number): number {
  return (isoDay - 1) * 24 + hour;
}

/** Monday 00:00 UTC of the week after the one holding `now`: the week a plan is for. */
export function nextWeekStart(now: Date): Date {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const isoDay = day.getUTCDay() === 0 ? 7 : day.getUTCDay();
  return new Date(day.getTime() + (8 - isoDay) * 24 * HOUR_MS);
}

const formats = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The hour of the week that `at` falls in on the wall clock of `timeZone`. */
export function localHourOfWeek(at: Date, timeZone: string): number {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, f);
  }
  const parts = f.formatToParts(at);
  const day = WEEKDAYS[parts.find((p) => p.type === 'weekday')!.value]!;
  return hourOfWeek(day, Number(parts.find((p) => p.type === 'hour')!.value));
}

/**
 * How many times each UTC hour of the week starts within [from, to): the number of observations
 * behind each hour's arrival rate. `from` is taken down to its whole hour.
 */
export function hourOccurrences(from: Date, to: Date): number[] {
  const counts = new Array<number>(WEEK_HOURS).fill(0);
  const first = Math.floor(from.getTime() / HOUR_MS) * HOUR_MS;
  for (let t = first; t + HOUR_MS <= to.getTime(); t += HOUR_MS)
    counts[utcHourOfWeek(new Date(t))]! += 1;
  return counts;
}

/** The UTC hour of the week of `at`. */
export function utcHourOfWeek(at: Date): number {
  const d = at.getUTCDay();
  return hourOfWeek(d === 0 ? 7 : d, at.getUTCHours());
}
