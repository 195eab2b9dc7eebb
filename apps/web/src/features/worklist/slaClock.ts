/**
 * The SLA countdown of a reading task: time left to `dueAt`, measured on the server's clock
 * (the page keeps the offset between the server's `serverTime` and its own clock), and how
 * urgent that is.
 */

/** Amber once less than this is left. */
export const SLA_WARN_MS = 15 * 60_000;

/** Amber once less than this share of the whole SLA window is left. */
export const SLA_WARN_FRACTION = 0.25;

/** How the countdown looks: plenty of time, running short, or past due. */
export type SlaLevel = 'ok' | 'warn' | 'overdue';

/**
 * Milliseconds to add to the browser's clock to get the server's, from a response's
 * `serverTime` and the browser time it arrived at.
 */
export function clockOffset(serverTime: string, receivedAt: number): number {
  const server = Date.parse(serverTime);
  return Number.isNaN(server) ? 0 : server - receivedAt;
}

/**
 * A countdown as `mm:ss` (minutes may exceed 59: `75:00`); past due it carries a minus sign,
 * `−05:12` (U+2212, so it lines up with the digits). Long spans show hours: `26h 05m`.
 */
export function formatCountdown(msLeft: number): string {
  const overdue = msLeft < 0;
  // Round towards zero on whole seconds so 0.4 s left reads 00:00, not −00:00.
  const total = Math.floor(Math.abs(msLeft) / 1000);
  const sign = overdue && total > 0 ? '\u2212' : '';
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (minutes >= 100 * 60) return `${sign}${Math.floor(minutes / 60)}h`;
  if (minutes >= 100) return `${sign}${Math.floor(minutes / 60)}h ${pad(minutes % 60)}m`;
  return `${sign}${pad(minutes)}:${pad(seconds)}`;
}

/**
 * The level of a countdown: `overdue` once `dueAt` has passed; `warn` with less than 15 minutes
 * or less than 25 % of the window from `startAt` (when the clock started) to `dueAt` left.
 */
export function slaLevel(msLeft: number, windowMs: number | null): SlaLevel {
  if (msLeft < 0) return 'overdue';
  if (msLeft < SLA_WARN_MS) return 'warn';
  if (windowMs !== null && windowMs > 0 && msLeft < windowMs * SLA_WARN_FRACTION) return 'warn';
  return 'ok';
}

/** The countdown of a task at server time `now` (ms), or null when it has no due time. */
export function slaClock(
  task: { dueAt: string | null; queuedAt: string | null; arrivedAt: string },
  now: number,
): { msLeft: number; level: SlaLevel; text: string } | null {
  if (!task.dueAt) return null;
  const due = Date.parse(task.dueAt);
  if (Number.isNaN(due)) return null;
  const start = Date.parse(task.queuedAt ?? task.arrivedAt);
  const msLeft = due - now;
  const level = slaLevel(msLeft, Number.isNaN(start) ? null : due - start);
  return { msLeft, level, text: formatCountdown(msLeft) };
}

/** The Mantine colour of a level (`undefined`: the normal text colour). */
export function slaColor(level: SlaLevel): string | undefined {
  if (level === 'overdue') return 'red';
  if (level === 'warn') return 'yellow';
  return undefined;
}

/** A duration in minutes as people read it: `45m`, `9h 45m`, `2d 3h`. */
export function formatMinutes(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h}h ${m % 60}m` : `${h}h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d}d ${h % 24}h` : `${d}d`;
}
