import type { Db } from '../../platform/db';
import { startPeriodic } from '../../platform/periodic';
import { notifyEvent } from '../notifications';
import { dayOf } from './audience';
import { refOf } from './queries';

/** One review reminder a sweep sent. */
export interface ReviewReminder {
  documentId: string;
  version: number;
  ownerId: string;
}

/**
 * Tells each document's owner that its newest version's review has fallen due (its review date is
 * `now`'s day or earlier). Each version is claimed by setting `review_reminded_at` in the same
 * transaction as the notification, so the owner is told once per version whatever runs the sweep,
 * however often, on however many processes; a new version (after the review) is a new reminder.
 */
export async function remindDueReviews(db: Db, now: Date): Promise<ReviewReminder[]> {
  const due = await db
    .selectFrom('sop_versions')
    .select('id')
    .where('superseded_at', 'is', null)
    .where('review_reminded_at', 'is', null)
    .where('review_due_on', '<=', dayOf(now))
    .execute();
  const sent: ReviewReminder[] = [];
  for (const { id } of due) {
    const reminder = await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('sop_versions as v')
        .from('sop_documents as d')
        .set({ review_reminded_at: now })
        .whereRef('d.id', '=', 'v.document_id')
        .where('v.id', '=', id)
        .where('v.review_reminded_at', 'is', null)
        .where('v.superseded_at', 'is', null)
        .returning(['d.id', 'd.ref', 'd.title', 'd.owner_id', 'v.version', 'v.review_due_on'])
        .executeTakeFirst();
      if (!claimed) return null;
      await notifyEvent(trx, {
        kind: 'sop.review_due',
        userId: claimed.owner_id,
        key: `${claimed.id}:${claimed.version}`,
        facts: {
          ref: refOf(claimed.ref),
          title: claimed.title,
          version: claimed.version,
          reviewDueOn: claimed.review_due_on,
          documentId: claimed.id,
        },
      });
      return { documentId: claimed.id, version: claimed.version, ownerId: claimed.owner_id };
    });
    if (reminder) sent.push(reminder);
  }
  return sent;
}

/** Runs {@link remindDueReviews} every `intervalMs`. */
export function startSopReviewSweep(opts: {
  db: Db;
  intervalMs: number;
  onError: (e: unknown) => void;
  onReminded?: (r: ReviewReminder[]) => void;
}): { stop(): Promise<void> } {
  return startPeriodic(
    opts.intervalMs,
    async () => {
      const sent = await remindDueReviews(opts.db, new Date());
      if (sent.length) opts.onReminded?.(sent);
    },
    opts.onError,
  );
}
