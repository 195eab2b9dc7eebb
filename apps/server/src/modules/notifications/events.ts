import {
  DEFAULT_LANGUAGE,
  fillTemplate,
  NOTIFICATION_CATALOGUE,
  type NotificationFacts,
  type NotificationKind,
} from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { loadLocales } from '../auth';
import { resolveAudience, type AudienceTarget } from './audiences';
import { renderKind } from './i18n';
import { createNotifications, type StoredNotification } from './service';

/** Something that happened that people are told about: its kind from the catalogue, and facts. */
export interface NotificationEvent extends AudienceTarget {
  kind: NotificationKind;
  /** What the kind's title, body and link templates are filled with. */
  facts: NotificationFacts;
  /**
   * Names this occurrence (a task id, a report version): with the kind, each recipient's dedupe
   * key, so the same event raised again (a retried job, a second sweeper) notifies nobody twice.
   */
  key: string;
  /** The task it is about, if any. */
  taskId?: string | null;
  /** Users not to tell (the one who caused it). */
  exceptUserIds?: readonly string[];
}

/**
 * Tells the kind's audience about an event, in the caller's transaction (the one that made the
 * event happen): the catalogue row gives the audience, the title, the body and the link; each
 * recipient reads the title and body in their language (their own, else their clinic's); the
 * recipients' switches and the dedupe key apply; push and e-mail commit with it. Returns the
 * notifications created.
 */
export async function notifyEvent(trx: Db, e: NotificationEvent): Promise<StoredNotification[]> {
  const spec = NOTIFICATION_CATALOGUE[e.kind];
  const except = new Set(e.exceptUserIds ?? []);
  const to = (await resolveAudience(trx, spec.audience, e)).filter((id) => !except.has(id));
  if (to.length === 0) return [];
  const link = spec.link === null ? null : fillTemplate(spec.link, e.facts, encodeURIComponent);
  const locales = await loadLocales(trx, to);
  const words = new Map<string, { title: string; body: string }>();
  const wordsIn = (userId: string) => {
    const lang = locales.get(userId)?.language ?? DEFAULT_LANGUAGE;
    let w = words.get(lang);
    if (!w) words.set(lang, (w = renderKind(lang, e.kind, e.facts)));
    return w;
  };
  return createNotifications(
    trx,
    to.map((userId) => ({
      userId,
      kind: e.kind,
      ...wordsIn(userId),
      link,
      taskId: e.taskId ?? null,
      clinicId: e.clinicId ?? null,
      dedupeKey: `${e.kind}:${e.key}`,
    })),
  );
}
