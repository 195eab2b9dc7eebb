import type { ClinicReceipt, ReceiptEvent } from '@telerad/contracts';
import { formatRecentDateTime } from '../../app/format';

/** How one receipt reads: when, and by whom (the clinic's system when it came over FHIR). */
function part(verb: string, e: ReceiptEvent, now: Date): string {
  const who = e.firstVia === 'fhir' ? `${e.firstBy} (FHIR)` : e.firstBy;
  return `${verb} ${formatRecentDateTime(e.firstAt, now)} by ${who}`;
}

/** What staff read about whether the clinic has the report; `opened` picks the colour. */
export interface ReceiptSummary {
  opened: boolean;
  text: string;
  /** The latest access and how many there were, for a tooltip; null when never opened. */
  detail: string | null;
}

/**
 * "Viewed by the clinic 14:02 by J. Tech · downloaded 14:03 by J. Tech", or "Not yet opened by
 * the clinic" (a report on the portal nobody opened is not yet communicated). `version` is said
 * when it is an amended version, since the clinic may have read only the earlier one.
 */
export function receiptSummary(r: ClinicReceipt, now: Date = new Date()): ReceiptSummary {
  const of = r.version > 1 ? ` (version ${r.version})` : '';
  if (!r.viewed && !r.downloaded)
    return { opened: false, text: `Not yet opened by the clinic${of}`, detail: null };
  const parts: string[] = [];
  if (r.viewed) parts.push(part(`Viewed by the clinic${of}`, r.viewed, now));
  if (r.downloaded)
    parts.push(part(r.viewed ? 'downloaded' : `Downloaded by the clinic${of}`, r.downloaded, now));
  const detail = [
    r.viewed &&
      `Viewed ${r.viewed.times}× — last ${formatRecentDateTime(r.viewed.lastAt, now)} by ${r.viewed.lastBy}`,
    r.downloaded &&
      `Downloaded ${r.downloaded.times}× — last ${formatRecentDateTime(r.downloaded.lastAt, now)} by ${r.downloaded.lastBy}${r.downloaded.lastVia === 'fhir' ? ' (FHIR)' : ''}`,
  ]
    .filter(Boolean)
    .join('\n');
  return { opened: true, text: parts.join(' · '), detail };
}
