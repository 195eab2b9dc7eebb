import type { Message, NewMessage } from '@telerad/contracts';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { auditWrite } from '../../platform/audit';
import { appError } from '../../platform/errors';
import type { Realtime } from '../../platform/realtime';
import { announceInTransaction, announceTyping } from './live';
import { notifyNewMessage } from './notify';
import { channelId, markRead, studyThreadId, threadMessages } from './repo';
import { openThread, sideOf } from './threads';

/** The name system messages are shown under. */
export const SYSTEM_AUTHOR = 'Telerad';

/** Inserts one message and moves its thread's last-message time; answers the new message id. */
async function insertMessage(
  trx: Db,
  m: { threadId: string; authorId: string | null; authorName: string; side: string; body: string },
  at: Date,
): Promise<string> {
  const row = await trx
    .insertInto('messages')
    .values({
      thread_id: m.threadId,
      author_id: m.authorId,
      author_name: m.authorName,
      side: m.side,
      body: m.body,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('message_threads')
    .set({ last_message_at: at })
    .where('id', '=', m.threadId)
    .execute();
  return row.id;
}

/** The message just written, as the thread shows it. */
async function messageById(db: Db, threadId: string, id: string): Promise<Message> {
  const found = (await threadMessages(db, threadId, 20)).find((m) => m.id === id);
  if (!found) throw appError('INTERNAL');
  return found;
}

/**
 * Posts the actor's message into a thread: the message, its attachments (uploaded beforehand by
 * the same person into the same thread, not yet sent), the author's own read mark, the other
 * side's notification, the audit event and the live announcement all commit in one transaction.
 */
export async function postMessage(
  ctx: ServiceContext,
  threadId: string,
  input: NewMessage,
): Promise<Message> {
  const { actor, thread } = await openThread(ctx, threadId);
  const side = sideOf(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const at = new Date();
    const id = await insertMessage(
      trx,
      {
        threadId,
        authorId: actor.userId,
        authorName: actor.displayName,
        side,
        body: input.body,
      },
      at,
    );
    const ids = [...new Set(input.attachmentIds)];
    if (ids.length) {
      const linked = await trx
        .updateTable('message_attachments')
        .set({ message_id: id })
        .where('id', 'in', ids)
        .where('thread_id', '=', threadId)
        .where('uploader_id', '=', actor.userId)
        .where('message_id', 'is', null)
        .executeTakeFirst();
      if (Number(linked.numUpdatedRows) !== ids.length) throw appError('ATTACHMENT_NOT_AVAILABLE');
    }
    await markRead(trx, threadId, { userId: actor.userId, side }, at);
    await notifyNewMessage(trx, {
      threadId,
      messageId: id,
      authorId: actor.userId,
      authorName: actor.displayName,
      side,
      body: input.body,
    });
    // Announced before the audit event is written, and still only at commit: a refused event
    // rolls the message back and its announcement with it.
    await announceInTransaction(trx, {
      type: 'message.created',
      threadId,
      clinicId: thread.clinic_id,
      userId: actor.userId,
      name: actor.displayName,
      study: thread.study_id !== null,
    });
    await auditWrite(ctx, trx, {
      resourceId: threadId,
      clinicId: thread.clinic_id,
      details: { messageId: id, attachments: ids.length, side },
    });
    return messageById(trx, threadId, id);
  });
}

/**
 * Marks the thread read by the actor up to now. Others see the read receipt live when the mark
 * passed a message of theirs.
 */
export async function readThread(
  ctx: ServiceContext,
  threadId: string,
): Promise<{ readAt: string; moved: boolean }> {
  const { actor, thread } = await openThread(ctx, threadId);
  return ctx.db.transaction().execute(async (trx) => {
    const at = new Date();
    const moved = await markRead(trx, threadId, { userId: actor.userId, side: sideOf(actor) }, at);
    await auditWrite(ctx, trx, {
      resourceId: threadId,
      clinicId: thread.clinic_id,
      details: { moved },
    });
    if (moved)
      await announceInTransaction(trx, {
        type: 'message.read',
        threadId,
        clinicId: thread.clinic_id,
        userId: actor.userId,
        name: actor.displayName,
        study: thread.study_id !== null,
      });
    return { readAt: at.toISOString(), moved };
  });
}

/** Tells the thread's other readers that the actor is typing (nothing is stored). */
export async function typing(
  ctx: ServiceContext,
  hub: Realtime | undefined,
  threadId: string,
): Promise<void> {
  const { actor, thread } = await openThread(ctx, threadId);
  if (!hub) return;
  await announceTyping(hub, {
    threadId,
    clinicId: thread.clinic_id,
    userId: actor.userId,
    name: actor.displayName,
    study: thread.study_id !== null,
  });
}

/** Where a system or centre notice goes: a study's thread, or its clinic's channel. */
export type NoticeTarget = { studyId: string } | { clinicId: string };

/**
 * Posts a notice into a study's thread or a clinic's channel on the caller's transaction `trx`,
 * so the notice commits with the work that causes it (a retake request, a critical result) and
 * its live announcement leaves only at commit. `author` names a centre person speaking (their id
 * and name); without it the notice is the system's. Answers the thread and message ids.
 */
export async function postNotice(
  trx: Db,
  target: NoticeTarget,
  body: string,
  author?: { userId: string; name: string },
): Promise<{ threadId: string; messageId: string }> {
  const threadId =
    'studyId' in target
      ? await studyThreadId(trx, target.studyId)
      : await channelId(trx, target.clinicId);
  if (!threadId) throw appError('NOT_FOUND');
  const thread = await trx
    .selectFrom('message_threads')
    .select(['clinic_id', 'study_id'])
    .where('id', '=', threadId)
    .executeTakeFirstOrThrow();
  const at = new Date();
  const messageId = await insertMessage(
    trx,
    {
      threadId,
      authorId: author?.userId ?? null,
      authorName: author?.name ?? SYSTEM_AUTHOR,
      side: author ? 'centre' : 'system',
      body: body.slice(0, 4000),
    },
    at,
  );
  await announceInTransaction(trx, {
    type: 'message.created',
    threadId,
    clinicId: thread.clinic_id,
    userId: author?.userId ?? null,
    name: author?.name ?? SYSTEM_AUTHOR,
    study: thread.study_id !== null,
  });
  return { threadId, messageId };
}
