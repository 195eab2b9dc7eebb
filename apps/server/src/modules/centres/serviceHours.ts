import type { Centre } from '@telerad/contracts';
import { DAY, MINUTE, localDay, msOf, toDayNumber, toMinutes, zonedMs } from './zonedTime';

export { localDate, localTime, zonedTimeToUtc } from './zonedTime';

/**
 * Service-hours arithmetic for reading centres (DESIGN.md §2 "Routing and clocks", DOMAIN.md §1).
 *
 * A centre's hours are wall-clock intervals in its own IANA time zone: a weekly schedule plus
 * dated exceptions. An exception for a date replaces that date's weekly intervals: `closed: true`
 * closes the whole day; otherwise exactly its intervals apply (extended hours, or 00:00–24:00 for
 * a 24/7 day). Several exceptions on one date are unioned, and any `closed: true` among them wins.
 * Exception intervals with `open >= close` are ignored (the contract does not refuse them).
 *
 * Wall-clock to instant (what must stay true, because SLA clocks depend on it):
 * - A local time maps to the first instant at which the local clock reads that time or later.
 * - DST gap (spring forward): a time that does not exist maps forward to the transition, e.g.
 *   02:30 in New York on 2026-03-08 is 03:00 EDT. An interval 01:30–03:00 in London on
 *   2026-03-29 is therefore open 02:00–03:00 BST (one hour), and an interval lying wholly inside
 *   the gap gives no service. This rule keeps the mapping monotonic, so an interval never turns
 *   inside out and days never overlap.
 * - DST overlap (fall back): an ambiguous time maps to its first occurrence.
 * - So a 00:00–24:00 day lasts 23 h on spring-forward day and 25 h on fall-back day, and a
 *   09:00–17:00 schedule keeps 09:00 local on both sides of a change.
 *
 * Cost: one cached Intl.DateTimeFormat per zone; UTC offsets (per UTC hour) and wall-clock
 * conversions are memoised per zone; work is day by day over the range asked for only, so 10,000
 * open tasks per worklist refresh stay cheap. Schedules are read, never mutated, and their parsed
 * form is cached per object.
 */

/** The parts of a centre that decide when it is open. */
export type ServiceSchedule = Pick<Centre, 'timeZone' | 'weeklyHours' | 'exceptions'>;

/** A half-open period [start, end) of service time. */
export interface OpenInterval {
  start: Date;
  end: Date;
}

const DEFAULT_HORIZON_DAYS = 60;

/** [open, close) in minutes after local midnight; close may be 1440 ('24:00'). */
type MinuteRange = readonly [number, number];
interface Prepared {
  timeZone: string;
  /** Index 1..7 = ISO weekday; merged and sorted. */
  weekly: MinuteRange[][];
  /** Local day number (days since 1970-01-01) → merged intervals that replace the week. */
  exceptions: Map<number, MinuteRange[]>;
}
interface Span {
  start: number;
  end: number;
}

/** Sorts, drops empty ranges, and merges touching or overlapping ones. */
function merge(ranges: MinuteRange[]): MinuteRange[] {
  const sorted = ranges.filter(([o, c]) => o < c).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [o, c] of sorted) {
    const last = out[out.length - 1];
    if (last && o <= last[1]) last[1] = Math.max(last[1], c);
    else out.push([o, c]);
  }
  return out;
}

/**
 * Prepared form per schedule object, so 10,000 tasks against one centre parse its hours once.
 * Rebuilt when a field is reassigned; in-place edits of the arrays are not seen (treat schedules
 * as values).
 */
const prepared = new WeakMap<ServiceSchedule, { source: ServiceSchedule; value: Prepared }>();

function prepare(s: ServiceSchedule): Prepared {
  const hit = prepared.get(s);
  const src = hit?.source;
  if (
    hit &&
    src?.timeZone === s.timeZone &&
    src.weeklyHours === s.weeklyHours &&
    src.exceptions === s.exceptions
  ) {
    return hit.value;
  }
  const value = build(s);
  prepared.set(s, { source: { ...s }, value });
  return value;
}

function build(s: ServiceSchedule): Prepared {
  const weekly: MinuteRange[][] = Array.from({ length: 8 }, () => []);
  for (const w of s.weeklyHours) weekly[w.day]?.push([toMinutes(w.open), toMinutes(w.close)]);
  const byDay = new Map<number, { closed: boolean; ranges: MinuteRange[] }>();
  for (const e of s.exceptions) {
    const day = toDayNumber(e.date);
    const entry = byDay.get(day) ?? { closed: false, ranges: [] };
    entry.closed ||= e.closed;
    for (const i of e.intervals) entry.ranges.push([toMinutes(i.open), toMinutes(i.close)]);
    byDay.set(day, entry);
  }
  const exceptions = new Map<number, MinuteRange[]>();
  for (const [day, e] of byDay) exceptions.set(day, e.closed ? [] : merge(e.ranges));
  return { timeZone: s.timeZone, weekly: weekly.map(merge), exceptions };
}

/** ISO weekday (1 = Monday) of a day number; 1970-01-01 was a Thursday. */
const isoWeekday = (day: number): number => ((((day + 3) % 7) + 7) % 7) + 1;

/**
 * Open spans in time order, one day's merged intervals after another, skipping those that end at
 * or before `fromMs`. Visits each local day whose midnight is before `limitMs`; returns the
 * midnight of the first day it did not visit. Spans of consecutive days may touch, never overlap.
 */
function* spans(p: Prepared, fromMs: number, limitMs: number): Generator<Span, number> {
  for (let day = localDay(p.timeZone, fromMs); ; day++) {
    const dayStart = zonedMs(p.timeZone, day * DAY);
    if (dayStart >= limitMs && dayStart > fromMs) return dayStart;
    for (const [o, c] of p.exceptions.get(day) ?? p.weekly[isoWeekday(day)] ?? []) {
      const start = zonedMs(p.timeZone, day * DAY + o * MINUTE);
      const end = zonedMs(p.timeZone, day * DAY + c * MINUTE);
      if (end > start && end > fromMs) yield { start, end };
    }
  }
}

/** Spans merged across midnight; `truncated` marks a last period that may run past the limit. */
function* periods(
  p: Prepared,
  fromMs: number,
  limitMs: number,
): Generator<Span & { truncated: boolean }> {
  const it = spans(p, fromMs, limitMs);
  let cur: Span | null = null;
  for (;;) {
    const r = it.next();
    if (r.done) {
      if (cur) yield { ...cur, truncated: cur.end >= r.value };
      return;
    }
    if (cur && r.value.start <= cur.end) cur.end = Math.max(cur.end, r.value.end);
    else {
      if (cur) yield { ...cur, truncated: false };
      cur = { ...r.value };
    }
  }
}

/**
 * Open periods intersecting [from, to), clipped to it, merged (a '24:00' close and the next
 * day's '00:00' open make one period) and sorted. Empty when `to <= from`.
 */
export function openIntervals(s: ServiceSchedule, from: Date, to: Date): OpenInterval[] {
  const fromMs = msOf(from, 'from');
  const toMs = msOf(to, 'to');
  const out: OpenInterval[] = [];
  if (toMs <= fromMs) return out;
  for (const p of periods(prepare(s), fromMs, toMs)) {
    if (p.start >= toMs) break;
    out.push({ start: new Date(Math.max(p.start, fromMs)), end: new Date(Math.min(p.end, toMs)) });
  }
  return out;
}

/** Whether the centre is open at instant `at` (an interval includes its open, not its close). */
export function isOpen(s: ServiceSchedule, at: Date): boolean {
  const ms = msOf(at, 'at');
  const first = spans(prepare(s), ms, ms + 1).next();
  return !first.done && first.value.start <= ms;
}

/**
 * `at` itself when the centre is open, else the start of its next open period; null when it does
 * not open within `horizonDays` (e.g. a centre with no hours at all).
 */
export function nextOpening(
  s: ServiceSchedule,
  at: Date,
  horizonDays = DEFAULT_HORIZON_DAYS,
): Date | null {
  const ms = msOf(at, 'at');
  const limit = ms + horizonDays * DAY;
  const first = spans(prepare(s), ms, limit).next();
  if (first.done || first.value.start >= limit) return null;
  return new Date(Math.max(first.value.start, ms));
}

/**
 * End of the open period containing `at` (periods merge across midnight). Null when closed at
 * `at`, and also when the centre stays open through the whole horizon (e.g. 24/7): use isOpen to
 * tell the two apart.
 */
export function nextClosing(
  s: ServiceSchedule,
  at: Date,
  horizonDays = DEFAULT_HORIZON_DAYS,
): Date | null {
  const ms = msOf(at, 'at');
  const first = periods(prepare(s), ms, ms + horizonDays * DAY).next();
  if (first.done || first.value.start > ms || first.value.truncated) return null;
  return new Date(first.value.end);
}

/** Minutes of service time in [from, to), fractional where the bounds are; 0 when `to <= from`. */
export function serviceMinutesBetween(s: ServiceSchedule, from: Date, to: Date): number {
  const fromMs = msOf(from, 'from');
  const toMs = msOf(to, 'to');
  if (toMs <= fromMs) return 0;
  let total = 0;
  for (const sp of spans(prepare(s), fromMs, toMs)) {
    if (sp.start >= toMs) break;
    total += Math.min(sp.end, toMs) - Math.max(sp.start, fromMs);
  }
  return total / MINUTE;
}

/**
 * The earliest instant by which `minutes` of service time have passed after `from`: an SLA due
 * time in service hours. Counting starts at the next opening when closed; `from` itself when
 * `minutes` is 0. Null when not reached within `horizonDays`. Inverse of serviceMinutesBetween.
 */
export function addServiceMinutes(
  s: ServiceSchedule,
  from: Date,
  minutes: number,
  horizonDays = DEFAULT_HORIZON_DAYS,
): Date | null {
  const fromMs = msOf(from, 'from');
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError('minutes must be a finite number >= 0');
  }
  if (minutes === 0) return new Date(fromMs);
  let remaining = minutes * MINUTE;
  for (const sp of spans(prepare(s), fromMs, fromMs + horizonDays * DAY)) {
    const start = Math.max(sp.start, fromMs);
    if (remaining <= sp.end - start) return new Date(start + remaining);
    remaining -= sp.end - start;
  }
  return null;
}

/**
 * Follow the sun: the schedule that opens first at or after `at` and when. Ties go to the lowest
 * index, so put the home centre first. Null when none opens within `horizonDays`.
 */
export function earliestOpening(
  schedules: readonly ServiceSchedule[],
  at: Date,
  horizonDays = DEFAULT_HORIZON_DAYS,
): { index: number; at: Date } | null {
  let best: { index: number; at: Date } | null = null;
  for (const [index, s] of schedules.entries()) {
    const t = nextOpening(s, at, horizonDays);
    if (t && (!best || t.getTime() < best.at.getTime())) best = { index, at: t };
  }
  return best;
}
