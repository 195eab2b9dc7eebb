/**
 * Wall-clock arithmetic in IANA time zones without Temporal: UTC offsets from a cached
 * Intl.DateTimeFormat per zone, memoised per UTC hour and per wall-clock minute. The mapping
 * rules (DST gap forward, overlap to first occurrence) are documented in serviceHours.ts.
 */

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
/** Bound on memoised conversions per zone, so a long-running server does not grow without end. */
const MEMO_LIMIT = 50_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const memos = new Map<string, Map<number, number>>();
const hourOffsets = new Map<string, Map<number, number>>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * Offset of the zone from UTC at instant `ms`, in ms (local wall clock minus UTC). Memoised per
 * UTC hour when the offset is the same at both ends of the hour (no zone changes offset twice
 * within an hour); hours holding a transition are computed each time.
 */
export function offsetAt(timeZone: string, ms: number): number {
  let memo = hourOffsets.get(timeZone);
  if (!memo) hourOffsets.set(timeZone, (memo = new Map()));
  const hour = Math.floor(ms / HOUR);
  const hit = memo.get(hour);
  if (hit !== undefined) return hit;
  const first = rawOffsetAt(timeZone, hour * HOUR);
  if (first !== rawOffsetAt(timeZone, hour * HOUR + HOUR - 1000)) return rawOffsetAt(timeZone, ms);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(hour, first);
  return first;
}

function rawOffsetAt(timeZone: string, ms: number): number {
  const p = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatter(timeZone).formatToParts(ms)) {
    if (part.type in p) p[part.type as keyof typeof p] = Number(part.value);
  }
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

/** Local day number (days since 1970-01-01 on the zone's calendar) of an instant. */
export function localDay(timeZone: string, ms: number): number {
  return Math.floor((ms + offsetAt(timeZone, ms)) / DAY);
}

/**
 * The instant for local wall-clock `local` (ms since epoch as if the zone were UTC), under the
 * rules in the file comment. Assumes at most one offset change within a day either side, which
 * holds for every real zone.
 */
export function zonedMs(timeZone: string, local: number): number {
  let memo = memos.get(timeZone);
  if (!memo) memos.set(timeZone, (memo = new Map()));
  const hit = memo.get(local);
  if (hit !== undefined) return hit;
  if (memo.size >= MEMO_LIMIT) memo.clear();

  const before = offsetAt(timeZone, local - DAY);
  const after = offsetAt(timeZone, local + DAY);
  let result: number;
  if (before === after) {
    result = local - before;
  } else {
    const a = local - before;
    const b = local - after;
    const aOk = offsetAt(timeZone, a) === before;
    const bOk = offsetAt(timeZone, b) === after;
    if (aOk && bOk) result = Math.min(a, b);
    else if (aOk) result = a;
    else if (bOk) result = b;
    else {
      // In a gap: find the transition (whole seconds) between the two candidates.
      let lo = Math.min(a, b);
      let hi = Math.max(a, b);
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (offsetAt(timeZone, mid) === before) lo = mid;
        else hi = mid;
      }
      result = hi;
    }
  }
  memo.set(local, result);
  return result;
}

export const toMinutes = (hhmm: string): number => {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  const h = Number(m?.[1]);
  const min = Number(m?.[2]);
  if (!m || h > 24 || min > 59 || (h === 24 && min !== 0)) {
    throw new RangeError(`invalid clock time ${hhmm}; expected HH:MM`);
  }
  return h * 60 + min;
};

export const toDayNumber = (date: string): number => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`invalid date ${date}; expected YYYY-MM-DD`);
  }
  return ms / DAY;
};

export const msOf = (d: Date, name: string): number => {
  const ms = d.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${name} is not a valid date`);
  return ms;
};

/** Calendar date `YYYY-MM-DD` of instant `at` on the wall clock of `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  return new Date(localDay(timeZone, msOf(at, 'at')) * DAY).toISOString().slice(0, 10);
}

/** Wall-clock time `HH:MM` of instant `at` in `timeZone`. */
export function localTime(at: Date, timeZone: string): string {
  const ms = msOf(at, 'at');
  return new Date(ms + offsetAt(timeZone, ms)).toISOString().slice(11, 16);
}

/**
 * The UTC instant of wall-clock `time` (`HH:MM`, `24:00` = next midnight) on `date` in
 * `timeZone`. A time in a DST gap maps forward to the transition; an ambiguous time in a DST
 * overlap maps to its first occurrence. Throws RangeError on a malformed date, time or zone.
 */
export function zonedTimeToUtc(date: string, time: string, timeZone: string): Date {
  return new Date(zonedMs(timeZone, toDayNumber(date) * DAY + toMinutes(time) * MINUTE));
}
