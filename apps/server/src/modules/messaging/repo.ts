import type { Message, MessageAttachment, ThreadRead, ThreadSummary } from '@telerad/contracts';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../platform/db';

/** A thread row with what its summary shows, before the caller's unread count. */
interface SummaryRow {
  id: string;
  clinic_id: string;
  clinic_name: string;
  study_id: string | null;
  study_uid: string | null;
  patient_name: string | null;
  patient_id: string | null;
  last_message_at: Date | null;
  last_message: string | null;
  last_author: string | null;
  unread: string | number;
}

const iso = (d: Date | string) => new Date(d).toISOString();

function toSummary(r: SummaryRow): ThreadSummary {
  return {
    id: r.id,
    kind: r.study_id ? 'study' : 'channel',
    clinicId: r.clinic_id,
    clinicName: r.clinic_name,
    studyUid: r.study_uid,
    patientName: r.patient_name,
    patientId: r.patient_id,
    lastMessageAt: r.last_message_at ? iso(r.last_message_at) : null,
    lastMessage: r.last_message,
    lastAuthor: r.last_author,
    unread: Number(r.unread),
  };
}

/**
 * Thread summaries for `userId` matching `where` (a predicate over `t`, the thread, and `s`, its
 * study): newest first, each with the messages by others after the user's read mark.
 */
export async function threadSummaries(
  db: Db,
  userId: string,
  where: Expression<SqlBool>,
  limit = 200,
): Promise<ThreadSummary[]> {
  const { rows } = await sql<SummaryRow>`
    select t.id, t.clinic_id, c.name as clinic_name, t.study_id, s.study_uid, s.patient_name,
           s.patient_id, t.last_message_at, last.body as last_message,
           last.author_name as last_author,
           (select count(*) from messages m
             where m.thread_id = t.id
               and m.author_id is distinct from ${userId}::uuid
               and m.created_at > coalesce(r.read_at, '-infinity')) as unread
      from message_threads t
      join clinics c on c.id = t.clinic_id
      left join studies s on s.id = t.study_id
      left join message_reads r on r.thread_id = t.id and r.user_id = ${userId}::uuid
      left join lateral (
        select m.body, m.author_name from messages m
         where m.thread_id = t.id order by m.created_at desc limit 1) last on true
     where ${where}
     order by t.last_message_at desc nulls last, c.name
     limit ${limit}`.execute(db);
  return rows.map(toSummary);
}

/** Creates the channels of `clinicIds` that do not exist yet. */
export async function ensureChannels(db: Db, clinicIds: readonly string[]): Promise<void> {
  if (clinicIds.length === 0) return;
  await sql`
    insert into message_threads (clinic_id)
    select unnest(${[...clinicIds]}::uuid[])
    on conflict (clinic_id) where study_id is null do nothing`.execute(db);
}

/** The id of the clinic's channel, created on first use. */
export async function channelId(db: Db, clinicId: string): Promise<string> {
  await ensureChannels(db, [clinicId]);
  const row = await db
    .selectFrom('message_threads')
    .select('id')
    .where('clinic_id', '=', clinicId)
    .where('study_id', 'is', null)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The id of the study's thread, created on first use; null when there is no such study. */
export async function studyThreadId(db: Db, studyId: string): Promise<string | null> {
  await sql`
    insert into message_threads (clinic_id, study_id)
    select clinic_id, id from studies where id = ${studyId}::uuid
    on conflict (study_id) where study_id is not null do nothing`.execute(db);
  const row = await db
    .selectFrom('message_threads')
    .select('id')
    .where('study_id', '=', studyId)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The thread row (its clinic and study), or undefined. */
export function findThread(db: Db, id: string) {
  return db
    .selectFrom('message_threads')
    .select(['id', 'clinic_id', 'study_id', 'last_message_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The attachments of `messageIds`, by message. */
async function attachmentsOf(
  db: Db,
  messageIds: readonly string[],
): Promise<Map<string, MessageAttachment[]>> {
  const byMessage = new Map<string, MessageAttachment[]>();
  if (messageIds.length === 0) return byMessage;
  const rows = await db
    .selectFrom('message_attachments')
    .select(['id', 'message_id', 'file_name', 'content_type', 'size_bytes'])
    .where('message_id', 'in', [...messageIds])
    .orderBy('created_at')
    .execute();
  for (const r of rows) {
    const list = byMessage.get(r.message_id!) ?? [];
    list.push({
      id: r.id,
      fileName: r.file_name,
      contentType: r.content_type as MessageAttachment['contentType'],
      sizeBytes: r.size_bytes,
    });
    byMessage.set(r.message_id!, list);
  }
  return byMessage;
}

/** The thread's latest `limit` messages, oldest first, with their attachments. */
export async function threadMessages(db: Db, threadId: string, limit = 300): Promise<Message[]> {
  const rows = await db
    .selectFrom('messages')
    .selectAll()
    .where('thread_id', '=', threadId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  rows.reverse();
  const files = await attachmentsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    threadId: r.thread_id,
    authorId: r.author_id,
    authorName: r.author_name,
    side: r.side as Message['side'],
    body: r.body,
    createdAt: iso(r.created_at),
    attachments: files.get(r.id) ?? [],
  }));
}

/** How far each person has read the thread. */
export async function threadReads(db: Db, threadId: string): Promise<ThreadRead[]> {
  const rows = await db
    .selectFrom('message_reads')
    .innerJoin('users', 'users.id', 'message_reads.user_id')
    .select([
      'message_reads.user_id',
      'users.display_name',
      'message_reads.side',
      'message_reads.read_at',
    ])
    .where('message_reads.thread_id', '=', threadId)
    .orderBy('message_reads.read_at')
    .execute();
  return rows.map((r) => ({
    userId: r.user_id,
    name: r.display_name,
    side: r.side as ThreadRead['side'],
    readAt: iso(r.read_at),
  }));
}

/**
 * Moves the user's read mark of the thread to `at` (never back). Answers whether it moved past
 * a message by someone else, that is whether others should see a new read receipt.
 */
export async function markRead(
  db: Db,
  threadId: string,
  reader: { userId: string; side: 'clinic' | 'centre' },
  at: Date,
): Promise<boolean> {
  const before = await db
    .selectFrom('message_reads')
    .select('read_at')
    .where('thread_id', '=', threadId)
    .where('user_id', '=', reader.userId)
    .executeTakeFirst();
  await db
    .insertInto('message_reads')
    .values({ thread_id: threadId, user_id: reader.userId, side: reader.side, read_at: at })
    .onConflict((oc) =>
      oc.columns(['thread_id', 'user_id']).doUpdateSet({
        read_at: sql`greatest(message_reads.read_at, excluded.read_at)`,
        side: reader.side,
      }),
    )
    .execute();
  const newer = await db
    .selectFrom('messages')
    .select('id')
    .where('thread_id', '=', threadId)
    .where('author_id', 'is distinct from', reader.userId)
    .where('created_at', '>', before?.read_at ?? new Date(0))
    .where('created_at', '<=', at)
    .limit(1)
    .executeTakeFirst();
  return newer !== undefined;
}
