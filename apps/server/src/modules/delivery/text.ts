/** Small text helpers shared by the report outputs. */
import type { Signature } from './load';

/** A DICOM person name (`FAMILY^GIVEN^MIDDLE^PREFIX^SUFFIX`) as readable text. */
export function patientNameText(pn: string | null | undefined): string {
  if (!pn) return '';
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = pn
    .split('=')[0]!
    .split('^')
    .map((p) => p.trim());
  const rest = [prefix, given, middle].filter(Boolean).join(' ');
  return [family, rest].filter(Boolean).join(', ') + (suffix ? ` ${suffix}` : '');
}

/** `YYYYMMDD` or `YYYY-MM-DD` as `YYYY-MM-DD`; null when absent or not a date. */
export function formatDicomDate(d: string | null | undefined): string | null {
  const m = d?.trim().match(/^(\d{4})-?(\d{2})-?(\d{2})$/);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** A date as DICOM DA (`YYYYMMDD`) and TM (`HHMMSS`), in UTC. */
export function dicomDateTime(at: Date): { date: string; time: string } {
  const iso = at.toISOString();
  return {
    date: iso.slice(0, 10).replace(/-/g, ''),
    time: iso.slice(11, 19).replace(/:/g, ''),
  };
}

/** "Name, credentials — 2026-03-04 10:15 UTC". */
export function signatureText(s: Signature): string {
  const when = `${s.at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `${s.name}${s.credentials ? `, ${s.credentials}` : ''} — ${when}`;
}
