import { formatPersonName } from '@telerad/dicom';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { notifyEvent } from '../notifications';

/** The longest part of a message a notification quotes. */
const EXCERPT_CHARS = 140;

/** The topic of a thread that is no study's: translated for the clinic as a fact word. */
export const CHANNEL_TOPIC = 'General conversation';

/** What a message of attachments only is quoted as (a fact word too). */
export const FILE_ONLY = 'File attached';

/** A message just stored, as its notification needs it. */
export interface StoredMessage {
  threadId: string;
  messageId: string;
  authorId: string;
  authorName: string;
  side: 'clinic' | 'centre';
  body: string;
}

/** The first line of a message, shortened to what a bell item shows. */
export function excerptOf(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  if (!flat) return FILE_ONLY;
  return flat.length <= EXCERPT_CHARS ? flat : `${flat.slice(0, EXCERPT_CHARS - 1).trimEnd()}…`;
}

/**
 * The recipients who are still to hear of an earlier message in this thread: they hold a
 * notification of `kind` for the thread that is unread and newer than their read mark of the
 * thread.
 */
async function stillTold(trx: Db, kind: string, threadId: string): Promise<string[]> {
  const { rows } = await sql<{ user_id: string }>`
    select n.user_id
      from notifications n
      left join message_reads r on r.thread_id = ${threadId}::uuid and r.user_id = n.user_id
     where n.kind = ${kind}
       and n.dedupe_key like ${`${kind}:${threadId}:%`}
       and n.read_at is null
       and n.created_at > coalesce(r.read_at, '-infinity')`.execute(trx);
  return rows.map((r) => r.user_id);
}

/**
 * Tells the other side of a thread about a new message, in the transaction that stores it: the
 * clinic's users when the centre writes, the clinic's assistants when the clinic writes; never
 * its author. One bell item per thread while it is unread, not one per message: a recipient who
 * still has an unread notification of this thread, newer than their last reading of the thread,
 * is not told again, so an active conversation does not pile up items; once they open the thread
 * or the notification, the next message tells them again. Each message is its own dedupe key, so
 * a retried post tells nobody twice. A system or centre notice (a retake request, a critical
 * result) is not announced here: the feature that posts it has its own notification.
 */
export async function notifyNewMessage(trx: Db, m: StoredMessage): Promise<void> {
  const kind = m.side === 'centre' ? 'message.from_centre' : 'message.from_clinic';
  const thread = await trx
    .selectFrom('message_threads as t')
    .innerJoin('clinics as c', 'c.id', 't.clinic_id')
    .leftJoin('studies as s', 's.id', 't.study_id')
    .select(['t.clinic_id', 'c.code', 's.patient_id', 's.patient_name'])
    .where('t.id', '=', m.threadId)
    .executeTakeFirstOrThrow();
  const topic = thread.patient_id
    ? `${formatPersonName(thread.patient_name ?? '') || thread.patient_id} (${thread.patient_id})`
    : CHANNEL_TOPIC;
  await notifyEvent(trx, {
    kind,
    clinicId: thread.clinic_id,
    key: `${m.threadId}:${m.messageId}`,
    exceptUserIds: [m.authorId, ...(await stillTold(trx, kind, m.threadId))],
    facts: {
      topic,
      clinic: thread.code,
      author: m.authorName,
      excerpt: excerptOf(m.body),
      threadId: m.threadId,
    },
  });
}
