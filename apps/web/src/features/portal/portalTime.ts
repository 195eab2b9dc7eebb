/**
 * Times on the clinic portal: how long ago a study arrived, and when its report is due in the
 * clinic's own time zone (the clinic plans its day on its own clock, not the browser's).
 */

/** The time since an instant, as a message key of the portal catalogue and its values. */
export type Since =
  | { key: 'justNow' }
  | { key: 'minutes'; minutes: number }
  | { key: 'hours'; hours: number }
  | { key: 'hoursMinutes'; hours: number; minutes: number }
  | { key: 'days'; days: number };

/** Just now, minutes, hours (and minutes), or days: the time since `iso` at `now`. */
export function timeSince(iso: string, now: Date): Since {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 60_000));
  if (minutes < 1) return { key: 'justNow' };
  if (minutes < 60) return { key: 'minutes', minutes };
  const hours = Math.floor(minutes / 60);
  if (hours >= 48) return { key: 'days', days: Math.floor(hours / 24) };
  return minutes % 60
    ? { key: 'hoursMinutes', hours, minutes: minutes % 60 }
    : { key: 'hours', hours };
}

/**
 * The wall-clock time of `iso` in `timeZone` ("14:30"), with the day when it is not the same
 * calendar day there as `now` ("7 Dec, 09:00"); null stays null.
 */
export function dueInClinicTime(
  iso: string | null,
  timeZone: string,
  now: Date,
  locale?: string,
): string | null {
  if (!iso) return null;
  const at = new Date(iso);
  const day = (d: Date) => d.toLocaleDateString('en-CA', { timeZone });
  const time = at.toLocaleTimeString(locale, { timeZone, hour: '2-digit', minute: '2-digit' });
  if (day(at) === day(now)) return time;
  const date = at.toLocaleDateString(locale, { timeZone, day: 'numeric', month: 'short' });
  return `${date}, ${time}`;
}
