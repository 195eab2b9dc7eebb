import type { ReportCardPeriod, ReportCardQuery } from '@telerad/contracts';
import { appError } from '../../platform/errors';

const DAY = 86_400_000;
/** The period a card covers when none is asked for. */
export const DEFAULT_DAYS = 90;
/** The longest period a card covers: a year's review, leap day included. */
export const MAX_DAYS = 366;

/** A card's period as instants: `start` included, `end` (the day after `to`) excluded. */
export interface Period extends ReportCardPeriod {
  start: Date;
  end: Date;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Settles the asked-for days: whole UTC days from `from` to `to`, both included; without `to`,
 * today; without `from`, the `DEFAULT_DAYS` days ending on `to`. A period that ends before it
 * starts, or covers more than `MAX_DAYS` days, is refused.
 */
export function periodOf(q: ReportCardQuery, now: Date): Period {
  const to = q.to ?? isoDay(now);
  const end = new Date(Date.parse(`${to}T00:00:00Z`) + DAY);
  const from = q.from ?? isoDay(new Date(end.getTime() - DEFAULT_DAYS * DAY));
  const start = new Date(`${from}T00:00:00Z`);
  if (start >= end || end.getTime() - start.getTime() > MAX_DAYS * DAY)
    throw appError('REPORT_CARD_PERIOD_INVALID');
  return { from, to, start, end };
}

/** The Monday (UTC) starting the week of `d`, as a date. */
export function weekOf(d: Date): string {
  const day = (d.getUTCDay() + 6) % 7;
  return isoDay(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day)));
}

/** Every week (its Monday) that meets the period, oldest first. */
export function weeksOf(p: Period): string[] {
  const weeks: string[] = [];
  for (let t = Date.parse(`${weekOf(p.start)}T00:00:00Z`); t < p.end.getTime(); t += 7 * DAY)
    weeks.push(isoDay(new Date(t)));
  return weeks;
}
