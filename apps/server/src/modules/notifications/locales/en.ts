import {
  NOTIFICATION_AUDIENCES,
  NOTIFICATION_CATALOGUE,
  NOTIFICATION_KINDS,
  CRITICAL_CATEGORIES,
  QUALITY_REASON_LABELS,
  RETAKE_EXTRA_VIEW_LABELS,
  type NotificationKind,
} from '@telerad/contracts';

/**
 * The kinds clinic staff receive: their title and body are translated (the catalogue's English
 * is the reference). Kinds only centre staff receive stay in English, like the centre's pages.
 */
export const CLINIC_KINDS: readonly NotificationKind[] = NOTIFICATION_KINDS.filter((k) =>
  (NOTIFICATION_AUDIENCES[NOTIFICATION_CATALOGUE[k].audience] as readonly string[]).includes(
    'clinic',
  ),
);

/** A kind's key in the catalogue (`kinds.<key>`): i18next reads dots as nesting. */
export const kindKey = (kind: string): string => kind.replace(/\./g, '_');

/**
 * Fact values that are words rather than names (the release's headline, a retake's reasons, the
 * views asked for, what a reminder is about): translated before they fill a template, by their
 * English text.
 */
export const FACT_WORDS: readonly string[] = [
  'Report ready',
  'Report updated',
  'the image cannot be read',
  'a further view',
  'the retake',
  'the extra view',
  'General conversation',
  'File attached',
  ...Object.values(QUALITY_REASON_LABELS).map((l) => l.toLowerCase()),
  ...Object.values(RETAKE_EXTRA_VIEW_LABELS).map((l) => l.toLowerCase()),
  ...Object.values(CRITICAL_CATEGORIES),
];

/** The English catalogue of the clinics' notifications and e-mails. */
export default {
  kinds: Object.fromEntries(
    CLINIC_KINDS.map((k) => [
      kindKey(k),
      { title: NOTIFICATION_CATALOGUE[k].title, body: NOTIFICATION_CATALOGUE[k].body },
    ]),
  ),
  facts: Object.fromEntries(FACT_WORDS.map((w) => [w, w])),
  email: {
    subject: '[Telerad] {title}',
    openAt: 'Open it in Telerad: {url}',
    openApp: 'Open Telerad to act on it.',
  },
};
