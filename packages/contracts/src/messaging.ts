import { z } from 'zod';
import { text } from './common';

/**
 * Messaging between clinics and the reading centre: each clinic's channel with its assistants
 * and the centre, and one thread per study, seen by the clinic, the assistant and the reader.
 */

/** Attachments: at most this many bytes each. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/**
 * The kinds of file a message may carry, as the server recognises them from their first bytes
 * (never from the name or the declared type).
 */
export const AttachmentType = z.enum(['image/png', 'image/jpeg', 'application/pdf']);
export type AttachmentType = z.infer<typeof AttachmentType>;

/** Who speaks: clinic staff, centre staff, or the system (a notice posted by another feature). */
export const MessageSide = z.enum(['clinic', 'centre', 'system']);
export type MessageSide = z.infer<typeof MessageSide>;

/** A file sent with a message. */
export const MessageAttachment = z.object({
  id: z.uuid(),
  fileName: z.string(),
  contentType: AttachmentType,
  sizeBytes: z.number().int().positive(),
});
export type MessageAttachment = z.infer<typeof MessageAttachment>;

/** One message. */
export const Message = z.object({
  id: z.uuid(),
  threadId: z.uuid(),
  authorId: z.uuid().nullable(),
  authorName: z.string(),
  side: MessageSide,
  body: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  attachments: z.array(MessageAttachment),
});
export type Message = z.infer<typeof Message>;

/** How far one person has read a thread: the read receipts ("Seen by Amina 10:42"). */
export const ThreadRead = z.object({
  userId: z.uuid(),
  name: z.string(),
  side: z.enum(['clinic', 'centre']),
  readAt: z.iso.datetime({ offset: true }),
});
export type ThreadRead = z.infer<typeof ThreadRead>;

/** A thread in a list: the clinic's channel, or a study's thread. */
export const ThreadSummary = z.object({
  id: z.uuid(),
  kind: z.enum(['channel', 'study']),
  clinicId: z.uuid(),
  clinicName: z.string(),
  /** The study's UID, applicant name and ID, for a study's thread. */
  studyUid: z.string().nullable(),
  patientName: z.string().nullable(),
  patientId: z.string().nullable(),
  lastMessageAt: z.iso.datetime({ offset: true }).nullable(),
  lastMessage: z.string().nullable(),
  lastAuthor: z.string().nullable(),
  /** Messages by others after the caller's read mark. */
  unread: z.number().int().nonnegative(),
});
export type ThreadSummary = z.infer<typeof ThreadSummary>;

/** The caller's threads, newest first, with the total unread count (the navbar's badge). */
export const ThreadList = z.object({
  threads: z.array(ThreadSummary),
  unread: z.number().int().nonnegative(),
});
export type ThreadList = z.infer<typeof ThreadList>;

/** Which threads a list shows. */
export const ThreadListQuery = z.object({
  kind: z.enum(['channel', 'study']).optional(),
  q: z.string().trim().max(64).optional(),
  /** Only this clinic's threads (its page on the support side). */
  clinicId: z.uuid().optional(),
});
export type ThreadListQuery = z.infer<typeof ThreadListQuery>;

/** The caller's unread count, alone (the navbar's badge). */
export const UnreadCount = z.object({ unread: z.number().int().nonnegative() });
export type UnreadCount = z.infer<typeof UnreadCount>;

/** One thread with its messages, oldest first, and how far each person has read it. */
export const ThreadDetail = z.object({
  thread: ThreadSummary,
  messages: z.array(Message),
  reads: z.array(ThreadRead),
});
export type ThreadDetail = z.infer<typeof ThreadDetail>;

/** A new message: text, and attachments uploaded beforehand into the same thread. */
export const NewMessage = z
  .object({
    body: z.string().trim().max(4000),
    attachmentIds: z.array(z.uuid()).max(5).default([]),
  })
  .refine((m) => m.body.length > 0 || m.attachmentIds.length > 0, {
    message: 'Write a message or attach a file.',
    path: ['body'],
  });
export type NewMessage = z.infer<typeof NewMessage>;

/** A template for a common request. */
export const MessageTemplate = z.object({
  id: z.uuid(),
  title: z.string(),
  body: z.string(),
  position: z.number().int(),
});
export type MessageTemplate = z.infer<typeof MessageTemplate>;

/** A template as the assistant lead writes it. */
export const MessageTemplateBody = z.object({
  title: text(80),
  body: text(4000),
  position: z.number().int().min(0).max(1000).default(0),
});
export type MessageTemplateBody = z.infer<typeof MessageTemplateBody>;

/**
 * What the live channel says about messaging: a new message, a read mark moved, someone typing.
 * Ids only; the page fetches what it shows.
 */
export const MessagingLiveEvent = z.object({
  type: z.enum(['message.created', 'message.read', 'message.typing']),
  threadId: z.uuid(),
  clinicId: z.uuid(),
  userId: z.uuid().nullable(),
  name: z.string().nullable(),
  at: z.string(),
});
export type MessagingLiveEvent = z.infer<typeof MessagingLiveEvent>;
