/**
 * Display forms of study attributes: DICOM person names, ages, dates, sizes and "time ago".
 * Dates from the archive are plain calendar dates (`YYYY-MM-DD`); they are formatted in UTC so
 * that a reader west of Greenwich does not see the day before.
 */

import { formatPersonName as formatDicomPersonName } from '@telerad/dicom';

const calendarDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });

/** A DICOM person name as `FAMILY, Given Middle`; null or blank gives an em dash. */
export function formatPersonName(pn: string | null | undefined): string {
  return formatDicomPersonName(pn) || '—';
}

/** Parses `YYYY-MM-DD` (or DICOM `YYYYMMDD`) into its parts, or null. */
function dateParts(value: string | null | undefined): [number, number, number] | null {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(value?.trim() ?? '');
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/**
 * The age at `onDate` of someone born on `birthDate` (both `YYYY-MM-DD`): whole years from two
 * years on, months below (`18m`), or null when a date is missing.
 */
export function ageAt(birthDate: string | null, onDate: string | null): string | null {
  const born = dateParts(birthDate);
  const on = dateParts(onDate ?? new Date().toISOString().slice(0, 10));
  if (!born || !on) return null;
  const months = (on[0] - born[0]) * 12 + (on[1] - born[1]) - (on[2] < born[2] ? 1 : 0);
  if (months < 0) return null;
  return months < 24 ? `${months}m` : `${Math.floor(months / 12)}y`;
}

/** Sex and age at the study date, e.g. `F · 34y`; unknown parts show as an em dash. */
export function sexAndAge(s: {
  patientSex: string | null;
  patientBirthDate: string | null;
  studyDate: string | null;
}): string {
  return `${s.patientSex || '—'} · ${ageAt(s.patientBirthDate, s.studyDate) ?? '—'}`;
}

/** A calendar date (`YYYY-MM-DD`) in the reader's locale, or an em dash. */
export function formatCalendarDate(value: string | null | undefined): string {
  const p = dateParts(value);
  return p ? calendarDate.format(new Date(Date.UTC(p[0], p[1] - 1, p[2]))) : '—';
}

/** A DICOM TM value (`HHMMSS.FFFFFF`) as `HH:MM`, or null. */
export function formatDicomTime(tm: string | null | undefined): string | null {
  const m = /^(\d{2}):?(\d{2})?/.exec(tm?.trim() ?? '');
  return m ? `${m[1]}:${m[2] ?? '00'}` : null;
}

/** Study date and time together, e.g. `12 Mar 2025 09:41`. */
export function formatStudyDateTime(date: string | null, time: string | null): string {
  const t = formatDicomTime(time);
  return date ? [formatCalendarDate(date), t].filter(Boolean).join(' ') : '—';
}

/** A byte count with a decimal unit, e.g. `5.2 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** How long ago `iso` was, relative to `now` (ms), e.g. `3 min. ago`, `yesterday`. */
export function timeAgo(iso: string, now: number): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  if (Number.isNaN(seconds)) return '—';
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour');
  if (abs < 30 * 86_400) return relative.format(Math.round(seconds / 86_400), 'day');
  return relative.format(Math.round(seconds / (30 * 86_400)), 'month');
}
