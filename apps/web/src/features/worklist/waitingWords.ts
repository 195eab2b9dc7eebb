/**
 * The words of a waiting task and of its SLA: why it waits and until when, in the centre's time
 * and the reader's, and what the SLA clock counts. Pure (time zones and `now` are arguments), so
 * the wording is tested without a browser.
 */
import { formatMinutes } from './slaClock';

/** The task fields these words read (see `WorklistTask`). */
export interface WaitingFacts {
  state: string;
  queuedAt: string | null;
  dueAt: string | null;
  centreName: string | null;
  centreTimeZone: string | null;
  slaMinutes: number | null;
}

/** `Asia/Manila` → `Manila`, `America/Argentina/Buenos_Aires` → `Buenos Aires`. */
export function zoneCity(timeZone: string): string {
  const last = timeZone.split('/').at(-1) ?? timeZone;
  return last.replaceAll('_', ' ');
}

const formats = new Map<string, Intl.DateTimeFormat>();
function formatIn(timeZone: string, withDay: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withDay}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      ...(withDay ? { weekday: 'short' } : {}),
    });
    formats.set(key, f);
  }
  return f;
}

const dayIn = (at: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(at);

/** `13:00` when `at` falls on the same local day as `now` in `timeZone`, else `Mon 13:00`. */
export function clockIn(at: number, now: number, timeZone: string): string {
  const sameDay = dayIn(at, timeZone) === dayIn(now, timeZone);
  return formatIn(timeZone, !sameDay).format(at).replace(',', '');
}

/**
 * Why a waiting task waits and until when: "Centre opens 13:00 Manila (07:00 your time)". The
 * reader's time is left out when it is the centre's. Null for a task that does not wait.
 */
export function waitingLine(
  task: WaitingFacts,
  now: number,
  readerTimeZone: string,
): string | null {
  if (task.state !== 'waiting') return null;
  if (!task.queuedAt || !task.centreTimeZone)
    return 'No reading centre opens in the coming weeks: an administrator must set service hours';
  const at = Date.parse(task.queuedAt);
  const centre = `${clockIn(at, now, task.centreTimeZone)} ${zoneCity(task.centreTimeZone)}`;
  const reader = clockIn(at, now, readerTimeZone);
  const sameClock =
    formatIn(task.centreTimeZone, true).format(at) === formatIn(readerTimeZone, true).format(at);
  return `Centre opens ${centre}${sameClock ? '' : ` (${reader} your time)`}`;
}

/** The SLA target in minutes: as sent, or from the due and queue times. */
function target(task: WaitingFacts): number | null {
  if (task.slaMinutes !== null) return task.slaMinutes;
  if (!task.queuedAt || !task.dueAt) return null;
  return Math.round((Date.parse(task.dueAt) - Date.parse(task.queuedAt)) / 60_000);
}

/**
 * What the SLA cell says beside the time it shows. A waiting task's clock has not started: the
 * cell shows the target and when it starts, never the hours to its due time next to a promise of
 * an hour. A running clock counts wall-clock minutes from when the task joined an open centre's
 * queue; time spent waiting for the centre to open never counts.
 */
export function slaWords(
  task: WaitingFacts,
  now: number,
  readerTimeZone: string,
): { short: string | null; explain: string } {
  const minutes = target(task);
  const goal = minutes === null ? 'The reading target' : `The ${formatMinutes(minutes)} target`;
  if (task.state === 'waiting') {
    if (!task.queuedAt)
      return {
        short: minutes === null ? null : `${formatMinutes(minutes)} once open`,
        explain: `${goal} starts when a reading centre opens; none opens in the coming weeks.`,
      };
    const starts = clockIn(Date.parse(task.queuedAt), now, readerTimeZone);
    return {
      short: minutes === null ? `starts ${starts}` : `${formatMinutes(minutes)} from ${starts}`,
      explain: `${goal} has not started: it counts only once ${task.centreName ?? 'the centre'} is open, from ${starts} your time. Time spent waiting for the opening does not count.`,
    };
  }
  const from = task.queuedAt ? clockIn(Date.parse(task.queuedAt), now, readerTimeZone) : null;
  return {
    short: null,
    explain: `${goal} counts from ${from ? `${from} your time, ` : ''}when the study joined an open centre's queue; time it waited for a centre to open does not count.`,
  };
}

/** The reader's time zone, as the browser reports it. */
export function readerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
