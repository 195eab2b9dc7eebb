import type { WeeklyInterval } from '@telerad/contracts';

/** ISO weekdays 1–7 with short and long names. */
export const WEEKDAYS = [
  { value: 1, short: 'Mon', long: 'Monday' },
  { value: 2, short: 'Tue', long: 'Tuesday' },
  { value: 3, short: 'Wed', long: 'Wednesday' },
  { value: 4, short: 'Thu', long: 'Thursday' },
  { value: 5, short: 'Fri', long: 'Friday' },
  { value: 6, short: 'Sat', long: 'Saturday' },
  { value: 7, short: 'Sun', long: 'Sunday' },
] as const;

/** Minutes since midnight of an `HH:MM` clock time (`24:00` is 1440). */
export function minutes(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Open hours per week of a schedule. */
export function weeklyHours(intervals: readonly WeeklyInterval[]): number {
  const total = intervals.reduce(
    (sum, i) => sum + Math.max(0, minutes(i.close) - minutes(i.open)),
    0,
  );
  return Math.round((total / 60) * 10) / 10;
}

/** A one-line summary such as "5 days · 50 h/week", or "No hours set". */
export function scheduleSummary(intervals: readonly WeeklyInterval[]): string {
  if (intervals.length === 0) return 'No hours set';
  const days = new Set(intervals.map((i) => i.day)).size;
  return `${days} day${days === 1 ? '' : 's'} · ${weeklyHours(intervals)} h/week`;
}

/** The current local time in a time zone, e.g. "14:05 Tue". */
export function localTimeIn(timeZone: string, now = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    }).format(now);
  } catch {
    return '—';
  }
}

/** Every IANA time zone this browser knows, for pickers. */
export function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
}
