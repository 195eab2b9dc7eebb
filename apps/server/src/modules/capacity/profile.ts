import { HOUR_MS, WEEK_HOURS, localHourOfWeek } from './weekGrid';

/**
 * The arrival profile of a clinic that has none yet: the share of a week's studies that arrive in
 * each hour of the week on the clinic's own clock, averaged over the clinics that have history
 * (each clinic weighs the same, so one busy clinic does not set everyone's day).
 */
export function localArrivalProfile(countsByClinic: readonly (readonly number[])[]): number[] {
  const share = new Array<number>(WEEK_HOURS).fill(0);
  const withHistory = countsByClinic.filter((c) => c.some((n) => n > 0));
  for (const counts of withHistory) {
    const total = counts.reduce((a, b) => a + b, 0);
    counts.forEach((n, h) => (share[h]! += n / total / withHistory.length));
  }
  return share;
}

/**
 * Arrivals per hour, by UTC hour of the planned week, of a clinic in `timeZone` sending
 * `dailyVolume` studies a day shaped like `profile` (local hours of the week).
 */
export function whatIfClinicRates(
  profile: readonly number[],
  dailyVolume: number,
  timeZone: string,
  weekStart: Date,
): number[] {
  const weekly = dailyVolume * 7;
  return Array.from({ length: WEEK_HOURS }, (_, h) => {
    const mid = new Date(weekStart.getTime() + h * HOUR_MS + HOUR_MS / 2);
    return weekly * profile[localHourOfWeek(mid, timeZone)]!;
  });
}
