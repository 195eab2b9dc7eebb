/**
 * The calendar day a digest covers, by the recipient's own clock: the digest sent on a local
 * day covers the local day before it, midnight to midnight in the recipient's time zone. The
 * instants of its bounds are computed by PostgreSQL (`day::timestamp at time zone tz`), which
 * knows the time zone rules, daylight saving included.
 */
export interface DigestDay {
  /** The local date the digest is sent on (YYYY-MM-DD). */
  sentOn: string;
  /** The local date it covers (YYYY-MM-DD): the day before `sentOn`. */
  day: string;
  /** The IANA time zone of the recipient's clock. */
  timeZone: string;
}

/** The local date and hour at `now` in `timeZone`. */
export function localClock(now: Date, timeZone: string): { date: string; hour: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const part = (t: string) => parts.find((p) => p.type === t)!.value;
  return { date: `${part('year')}-${part('month')}-${part('day')}`, hour: Number(part('hour')) };
}

/** The calendar date before `date` (YYYY-MM-DD). */
export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The digest a recipient in `timeZone` gets on their local day at `now`. */
export function digestDay(now: Date, timeZone: string): DigestDay {
  const sentOn = localClock(now, timeZone).date;
  return { sentOn, day: dayBefore(sentOn), timeZone };
}
