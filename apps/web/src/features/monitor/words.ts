import type {
  NetworkAlertKind,
  RefusalDoor,
  NetworkClinic,
  WorkingHours,
} from '@telerad/contracts';
import { WEEKDAYS } from '../admin/centres/schedule';

/** The doors as support names them. */
export const DOOR_LABELS: Record<RefusalDoor, string> = {
  dimse: 'DICOM network (DIMSE)',
  stow: 'DICOMweb (STOW-RS)',
  upload: 'Browser upload',
  gateway: 'Gateway',
  hl7: 'HL7 v2 orders (MLLP)',
};

/** The alerts as support names them. */
export const ALERT_LABELS: Record<NetworkAlertKind, string> = {
  silent: 'Silent in working hours',
  queue: 'Gateway queue growing',
};

/** A clinic's state on the map and in the table. */
export type LinkState = 'alert' | 'ok' | 'closed' | 'never';

/** Colour and words of each state. */
export const STATE: Record<LinkState, { color: string; label: string }> = {
  alert: { color: 'red', label: 'Alert' },
  ok: { color: 'teal', label: 'Sending' },
  closed: { color: 'gray', label: 'Closed now' },
  never: { color: 'yellow', label: 'Never sent' },
};

/** Where a clinic stands: an open alert first, then whether it ever sent, then its hours. */
export function linkState(c: NetworkClinic): LinkState {
  if (c.alerts.length) return 'alert';
  if (!c.lastReceivedAt && !c.gateway?.lastHeartbeatAt) return 'never';
  return c.working ? 'ok' : 'closed';
}

/** "4 min ago", "3 h ago", "5 d ago": how long since `iso`, as support reads it at a glance. */
export function ago(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400 * 2) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} d ago`;
}

/** A lag in seconds as minutes or hours. */
export function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** A link speed in kbit/s as people say it. */
export function speed(kbps: number | null | undefined): string {
  if (kbps === null || kbps === undefined) return '—';
  return kbps >= 1000 ? `${(kbps / 1000).toFixed(1)} Mbit/s` : `${Math.round(kbps)} kbit/s`;
}

/**
 * "Mon–Sat 07:00–19:00": the week as support reads it on the phone to a clinic, consecutive days
 * with the same hours joined.
 */
export function weekText(h: WorkingHours): string {
  const short = (day: number) => WEEKDAYS.find((d) => d.value === day)?.short ?? String(day);
  const rows = [...h.weeklyHours].sort((a, b) => a.day - b.day || a.open.localeCompare(b.open));
  const runs: { from: number; to: number; open: string; close: string }[] = [];
  for (const r of rows) {
    const last = runs.at(-1);
    if (last && last.to === r.day - 1 && last.open === r.open && last.close === r.close)
      last.to = r.day;
    else runs.push({ from: r.day, to: r.day, open: r.open, close: r.close });
  }
  return runs
    .map((r) => `${short(r.from)}${r.to > r.from ? `–${short(r.to)}` : ''} ${r.open}–${r.close}`)
    .join(', ');
}
