import type { Priority } from '../queue/types';
import { WEEKDAYS, type TransferConfig, type Weekday } from './config';

/**
 * Sending windows: a clinic may share its link with other work and allow bulk uploads only at
 * some hours. Windows are given per weekday in the clinic's local time; a weekday without an
 * entry sends all day. Outside a window urgent studies still go (`urgent-only`) or nothing does.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The weekday and minute of the day at `at` in `timeZone`. */
export function localClock(at: Date, timeZone: string): { weekday: Weekday; minute: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  const weekday = String(parts.weekday).toLowerCase().slice(0, 3) as Weekday;
  if (!WEEKDAYS.includes(weekday)) throw new Error(`unexpected weekday ${String(parts.weekday)}`);
  return { weekday, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether `at` falls inside a sending window (true on a weekday without windows). */
export function inWindow(
  cfg: Pick<TransferConfig, 'windows' | 'timeZone'>,
  at: Date = new Date(),
): boolean {
  const { weekday, minute } = localClock(at, cfg.timeZone);
  const day = cfg.windows[weekday];
  if (!day) return true;
  return day.some((w) => minute >= minutes(w.start) && minute < minutes(w.end));
}

/** Which priorities may be sent at `at`: all inside a window, urgent or none outside. */
export function allowedPriorities(
  cfg: Pick<TransferConfig, 'windows' | 'timeZone' | 'outsideWindows'>,
  at: Date = new Date(),
): ReadonlySet<Priority> {
  if (inWindow(cfg, at)) return new Set<Priority>(['urgent', 'routine']);
  return new Set<Priority>(cfg.outsideWindows === 'urgent-only' ? ['urgent'] : []);
}
