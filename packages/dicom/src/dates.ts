/**
 * DICOM date and time values (PS3.5 §6.2, VRs DA and TM) and ages (AS).
 */

/** Parses a DA value `YYYYMMDD` (also the ACR-NEMA `YYYY.MM.DD` form) to `YYYY-MM-DD`, or null. */
export function parseDicomDate(da: string | undefined | null): string | null {
  if (!da) return null;
  const m = /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec(da.trim());
  if (!m) return null;
  const [, y, mo, d] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return null;
  return `${y}-${mo}-${d}`;
}

/** Formats `YYYY-MM-DD` (or a Date, in UTC) as a DA value `YYYYMMDD`. */
export function formatDicomDate(value: string | Date): string {
  const iso = typeof value === 'string' ? value : value.toISOString().slice(0, 10);
  return iso.slice(0, 10).replace(/-/g, '');
}

/**
 * Parses a TM value `HHMMSS.FFFFFF` (any trailing components may be missing, old `HH:MM:SS`
 * accepted) to seconds since midnight, or null.
 */
export function parseDicomTime(tm: string | undefined | null): number | null {
  if (!tm) return null;
  const m = /^(\d{2})(?::?(\d{2})(?::?(\d{2})(?:\.(\d{1,6}))?)?)?$/.exec(tm.trim());
  if (!m) return null;
  const [h, mi, s] = [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
  if (h > 23 || mi > 59 || s > 60) return null;
  return h * 3600 + mi * 60 + s + (m[4] ? Number(`0.${m[4]}`) : 0);
}

/** Whole years between a birth date and a reference date (both `YYYY-MM-DD`). */
export function ageInYears(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Parses an AS value (`018Y`, `006M`, `003W`, `010D`) to years (fractional below one year). */
export function parseDicomAge(as: string | undefined | null): number | null {
  const m = /^(\d{3})([DWMY])$/.exec(as?.trim() ?? '');
  if (!m) return null;
  const n = Number(m[1]);
  const perYear = { D: 365.25, W: 52.1775, M: 12, Y: 1 } as const;
  return n / perYear[m[2] as keyof typeof perYear];
}
