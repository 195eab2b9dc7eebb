/** Where and how times are read: a BCP 47 locale and an IANA time zone (unset: the browser's). */
export interface DateLocale {
  locale?: string | undefined;
  timeZone?: string | undefined;
}

/** Timestamps formatted for one locale and time zone (see {@link dateFormat}). */
export interface DateFormat {
  /** A timestamp with date and time, or an em dash when absent. */
  dateTime(iso: string | null | undefined): string;
  /** The time alone when it is today (in the time zone), else the date too. */
  recentDateTime(iso: string, now?: Date): string;
  /** The date alone, or an em dash when absent. */
  date(iso: string | null | undefined): string;
  /** The time alone, or an em dash when absent. */
  time(iso: string | null | undefined): string;
  /**
   * A calendar date (`YYYY-MM-DD` or DICOM `YYYYMMDD`, as the archive keeps study dates) in the
   * locale: a day, not a moment, so no time zone shifts it. An em dash when absent.
   */
  calendarDate(value: string | null | undefined): string;
  /** How long ago `iso` was, relative to `now` (ms), e.g. `3 min. ago`, `yesterday`. */
  ago(iso: string, now: number): string;
}

const cache = new Map<string, DateFormat>();

/**
 * The one way timestamps become text: Intl formatters for `locale` (a clinic user's language)
 * and `timeZone` (their clinic's), built once per pair. An unknown zone falls back to the
 * browser's rather than breaking the page.
 */
export function dateFormat({ locale, timeZone }: DateLocale = {}): DateFormat {
  const key = `${locale ?? ''}|${timeZone ?? ''}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const make = (opts: Intl.DateTimeFormatOptions) => {
    try {
      return new Intl.DateTimeFormat(locale, { ...opts, timeZone });
    } catch {
      return new Intl.DateTimeFormat(locale, opts);
    }
  };
  const dateTime = make({ dateStyle: 'medium', timeStyle: 'short' });
  const dateOnly = make({ dateStyle: 'medium' });
  const timeOnly = make({ timeStyle: 'short' });
  const day = make({ year: 'numeric', month: '2-digit', day: '2-digit' });
  const calendar = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  const parse = (iso: string | null | undefined) => {
    if (!iso) return null;
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : d;
  };
  const fmt = (f: Intl.DateTimeFormat) => (iso: string | null | undefined) => {
    const d = parse(iso);
    return d === null ? '—' : typeof d === 'string' ? d : f.format(d);
  };
  const made: DateFormat = {
    dateTime: fmt(dateTime),
    date: fmt(dateOnly),
    time: fmt(timeOnly),
    ago(iso, now) {
      const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
      if (Number.isNaN(seconds)) return '—';
      const abs = Math.abs(seconds);
      // Under 45 s, "now" in the locale's own words (Intl says "now", "maintenant", "ahora").
      if (abs < 45) return relative.format(0, 'second');
      if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
      if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour');
      if (abs < 30 * 86_400) return relative.format(Math.round(seconds / 86_400), 'day');
      return relative.format(Math.round(seconds / (30 * 86_400)), 'month');
    },
    calendarDate(value) {
      const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(value?.trim() ?? '');
      if (!m) return '—';
      return calendar.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
    },
    recentDateTime(iso, now = new Date()) {
      const d = parse(iso);
      if (d === null || typeof d === 'string') return iso;
      return day.format(d) === day.format(now) ? timeOnly.format(d) : dateTime.format(d);
    },
  };
  cache.set(key, made);
  return made;
}

/** The browser's locale and zone: for centre staff's pages. */
const browser = dateFormat();

/** A timestamp in the reader's locale and time zone, or an em dash when absent. */
export function formatDateTime(iso: string | null | undefined): string {
  return browser.dateTime(iso);
}

/** A timestamp as staff glance at it: the time alone when it is today, else the date too. */
export function formatRecentDateTime(iso: string, now: Date = new Date()): string {
  return browser.recentDateTime(iso, now);
}

/** A date in the reader's locale, or an em dash when absent. */
export function formatDate(iso: string | null | undefined): string {
  return browser.date(iso);
}

/** True when a lock timestamp lies in the future. */
export function isLocked(lockedUntil: string | null): boolean {
  return lockedUntil !== null && new Date(lockedUntil).getTime() > Date.now();
}
