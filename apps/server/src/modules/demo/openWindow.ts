import type { CentreCreate, ServiceException } from '@telerad/contracts';
import { localDate } from '../centres';

/** How long the demo's centres stay open around the clock after the organisation is seeded. */
export const DEMO_OPEN_HOURS = 24;

/** The label of the exception, so an administrator sees under Centres why the centre is open. */
export const DEMO_OPEN_LABEL = 'Demo: open around the clock';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** `HH:MM` of instant `at` on the wall clock of `timeZone`. */
function clockTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/** ISO weekday (1 = Monday) of a `YYYY-MM-DD` calendar date. */
function isoWeekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
}

/**
 * `centre` with dated exceptions that keep it open from `from` for DEMO_OPEN_HOURS (the rest of
 * that local day, and the next day until the same clock time, then its usual hours). A demo
 * started at night or on a Sunday must still let the README's walk-through claim a task; the
 * weekly hours stay as they are, so routing by service hours shows once the window has passed.
 * Fixed exceptions on the covered dates are dropped: a closed exception wins over open intervals
 * on the same date, and would close the centre inside the window.
 */
export function withDemoOpenWindow<C extends CentreCreate>(centre: C, from: Date): C {
  const tz = centre.timeZone;
  // Rounded up to the minute, so the window is never shorter than promised.
  const end = new Date(
    Math.ceil((from.getTime() + DEMO_OPEN_HOURS * HOUR_MS) / MINUTE_MS) * MINUTE_MS,
  );
  const firstDate = localDate(from, tz);
  const lastDate = localDate(end, tz);
  const endTime = clockTime(end, tz);
  const window: ServiceException[] = [
    {
      date: firstDate,
      label: DEMO_OPEN_LABEL,
      closed: false,
      intervals: [{ open: '00:00', close: '24:00' }],
    },
  ];
  if (lastDate !== firstDate) {
    const usual = (centre.weeklyHours ?? [])
      .filter((w) => w.day === isoWeekday(lastDate))
      .map(({ open, close }) => ({ open, close }));
    const opening = endTime === '00:00' ? [] : [{ open: '00:00', close: endTime }];
    window.push({
      date: lastDate,
      label: DEMO_OPEN_LABEL,
      closed: false,
      intervals: [...opening, ...usual],
    });
  }
  const covered = new Set(window.map((e) => e.date));
  const kept = (centre.exceptions ?? []).filter((e) => !covered.has(e.date));
  return { ...centre, exceptions: [...kept, ...window] };
}
