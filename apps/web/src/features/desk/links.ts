import type { DeskItem } from '@telerad/contracts';

/**
 * Where "message the clinic" goes from a desk item: the study's own thread when the item is
 * about a study, else the clinic's channel.
 */
export function messageLink(item: Pick<DeskItem, 'clinicId' | 'studyUid'>): string {
  return item.studyUid
    ? `/studies/${encodeURIComponent(item.studyUid)}?tab=messages`
    : `/messages?clinic=${encodeURIComponent(item.clinicId)}`;
}

/** The next priority up from `p`, or null when it is already the highest. */
export function raisedPriority(p: DeskItem['priority']): 'urgent' | 'stat' | null {
  if (p === 'routine') return 'urgent';
  if (p === 'urgent') return 'stat';
  return null;
}

/** A telephone number as a `tel:` URI: digits and a leading + only. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^0-9+]/g, '')}`;
}
