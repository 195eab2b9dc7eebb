import type { Readable } from 'node:stream';
import {
  MAX_ATTACHMENT_BYTES,
  type AttachmentType,
  type MessageAttachment,
} from '@telerad/contracts';
import sharp from 'sharp';
import type { ServiceContext } from '../../platform/context';
import { auditWrite } from '../../platform/audit';
import { appError } from '../../platform/errors';
import { ObjectTooLargeError, type ObjectStorage } from '../../platform/storage';
import { actorOf, openThread } from './threads';

/**
 * What a file is, judged by its first bytes (its "magic number"), never by its name or the type
 * the browser declared: PNG (PNG spec §5.2 signature), JPEG (SOI marker followed by a marker),
 * PDF (ISO 32000-1 §7.5.2 header). Anything else is refused.
 */
export function sniffAttachmentType(head: Buffer): AttachmentType | null {
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff)
    return 'image/jpeg';
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

/** A file name safe to show and to offer as a download name. */
function cleanName(name: string): string {
  // Control characters never belong in a name (nor in a Content-Disposition header).
  const printable = [...name].filter((ch) => ch >= ' ' && ch !== '\u007f').join('');
  const base = printable.split(/[\\/]/).pop() ?? '';
  return base.trim().slice(0, 200) || 'attachment';
}

/**
 * Receives a file for a message in `threadId`: staged through the storage interface (at most
 * MAX_ATTACHMENT_BYTES), sniffed, made durable under its content key, then recorded as the
 * uploader's unsent attachment with its audit event in one transaction. It joins a message when
 * the uploader sends one naming it.
 */
export async function receiveAttachment(
  ctx: ServiceContext,
  storage: ObjectStorage,
  threadId: string,
  body: Readable | undefined,
  fileName: string,
): Promise<MessageAttachment> {
  const { thread } = await openThread(ctx, threadId);
  const actor = actorOf(ctx);
  if (!body || typeof body.pipe !== 'function') throw appError('ATTACHMENT_EMPTY');
  let staged;
  try {
    staged = await storage.stage(body, MAX_ATTACHMENT_BYTES);
  } catch (e) {
    if (e instanceof ObjectTooLargeError) throw appError('ATTACHMENT_TOO_LARGE');
    throw e;
  }
  if (staged.size === 0) {
    await storage.discard(staged);
    throw appError('ATTACHMENT_EMPTY');
  }
  const type = sniffAttachmentType(Buffer.concat(staged.head).subarray(0, 16));
  if (!type) {
    await storage.discard(staged);
    throw appError('ATTACHMENT_TYPE_NOT_ALLOWED');
  }
  const key = await storage.commit(staged);
  const name = cleanName(fileName);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('message_attachments')
      .values({
        thread_id: threadId,
        uploader_id: actor.userId,
        storage_key: key,
        file_name: name,
        content_type: type,
        size_bytes: staged.size,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await auditWrite(ctx, trx, {
      resourceId: row.id,
      clinicId: thread.clinic_id,
      details: { threadId, contentType: type, sizeBytes: staged.size },
    });
    return { id: row.id, fileName: name, contentType: type, sizeBytes: staged.size };
  });
}

/** An attachment's bytes (or a small JPEG of an image) and how to present them. */
export interface AttachmentBody {
  stream: Readable;
  contentType: string;
  fileName: string;
  sizeBytes: number | null;
}

/**
 * Opens an attachment for the actor. An unsent attachment is only its uploader's; a sent one is
 * everyone's who may read its thread (the scope check has already placed its clinic in scope).
 */
export async function openAttachment(
  ctx: ServiceContext,
  storage: ObjectStorage,
  id: string,
  thumbnail: boolean,
): Promise<AttachmentBody> {
  const actor = actorOf(ctx);
  const row = await ctx.db
    .selectFrom('message_attachments')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || (row.message_id === null && row.uploader_id !== actor.userId))
    throw appError('NOT_FOUND');
  await openThread(ctx, row.thread_id);
  const source = storage.open(row.storage_key);
  if (!thumbnail || !row.content_type.startsWith('image/'))
    return {
      stream: source,
      contentType: row.content_type,
      fileName: row.file_name,
      sizeBytes: row.size_bytes,
    };
  // A preview for links of 0.25–1 Mbit/s: a photo of several MB shrinks to a few tens of KB.
  const small = sharp({ failOn: 'none' })
    .rotate()
    .resize({ width: 360, height: 360, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 72 });
  source.on('error', (e) => small.destroy(e));
  return {
    stream: source.pipe(small),
    contentType: 'image/jpeg',
    fileName: row.file_name,
    sizeBytes: null,
  };
}
