import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  Message,
  MessageAttachment,
  MessageTemplate,
  MessageTemplateBody,
  NewMessage,
  ThreadDetail,
  ThreadList,
  ThreadListQuery,
  ThreadSummary,
  UnreadCount,
} from '@telerad/contracts';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import type { ObjectStorage } from '../../platform/storage';
import type { Realtime } from '../../platform/realtime';
import { contentDisposition } from '../delivery';
import { openAttachment, receiveAttachment } from './attachments';
import { postMessage, readThread, typing } from './post';
import { listTemplates, replaceTemplates } from './templates';
import {
  actorOf,
  clinicChannel,
  listThreads,
  studyThread,
  threadDetail,
  unreadCount,
} from './threads';

/** What the messaging routes need. */
export interface MessagingRouteOptions {
  /** Where attachments are stored. */
  storage: ObjectStorage;
  /** The process's hub, for typing state; without it typing is not announced. */
  realtime: Realtime | undefined;
}

const Params = z.object({ id: z.uuid() });
const AttachmentQuery = z.object({ name: z.string().trim().min(1).max(200) });
const Templates = z.object({ templates: z.array(MessageTemplateBody).max(100) });

/** Content types whose bodies the attachment route streams to storage unread and unparsed. */
const RAW_TYPES = ['application/octet-stream', 'image/png', 'image/jpeg', 'application/pdf'];

/**
 * `/api/messaging`: clinic channels and study threads, their messages, attachments, read marks
 * and typing state, and the templates of common requests. Threads and attachments are clinic
 * data (resource kinds `thread` and `attachment`); every read and write is audited.
 */
export async function messagingRoutes(
  app: FastifyZodApp,
  opts: MessagingRouteOptions,
): Promise<void> {
  // Attachment bodies go from the socket to the storage interface, never buffered whole.
  app.addContentTypeParser(RAW_TYPES, (_req, payload, done) => done(null, payload));

  app.get('/api/messaging/threads', {
    config: { access: { permission: 'messages:read', audit: 'messages.threads.list' } },
    schema: {
      tags: ['messaging'],
      summary: "The caller's clinic channels and study threads, newest first, with unread counts",
      querystring: ThreadListQuery,
      response: { 200: ThreadList },
    },
    handler: async (req) => listThreads(req.ctx, req.query),
  });

  app.get('/api/messaging/unread', {
    config: { access: { permission: 'messages:read' } },
    schema: {
      tags: ['messaging'],
      summary: "The caller's unread message count (the navbar's badge)",
      response: { 200: UnreadCount },
    },
    handler: async (req) => ({ unread: await unreadCount(req.ctx.db, actorOf(req.ctx)) }),
  });

  app.get('/api/clinics/:id/channel', {
    config: {
      access: { permission: 'messages:read', audit: 'messages.channel.open', resource: 'clinic' },
    },
    schema: {
      tags: ['messaging'],
      summary: "A clinic's channel with its assistants and the centre",
      params: Params,
      response: { 200: ThreadSummary },
    },
    handler: async (req) => clinicChannel(req.ctx, req.params.id),
  });

  app.get('/api/studies/:studyUid/thread', {
    config: {
      access: { permission: 'messages:read', audit: 'messages.study.open', resource: 'study' },
    },
    schema: {
      tags: ['messaging'],
      summary: "A study's thread: the clinic, the assistant and the reader",
      params: z.object({ studyUid: z.string().max(64) }),
      response: { 200: ThreadSummary },
    },
    handler: async (req) => studyThread(req.ctx, req.params.studyUid),
  });

  app.get('/api/messaging/threads/:id', {
    config: {
      access: { permission: 'messages:read', audit: 'messages.thread.read', resource: 'thread' },
    },
    schema: {
      tags: ['messaging'],
      summary: 'A thread with its messages and who has read how far',
      params: Params,
      response: { 200: ThreadDetail },
    },
    handler: async (req) => threadDetail(req.ctx, req.params.id),
  });

  app.post('/api/messaging/threads/:id/messages', {
    config: {
      access: {
        permission: 'messages:write',
        audit: 'messages.send',
        auditInTransaction: true,
        resource: 'thread',
      },
    },
    schema: {
      tags: ['messaging'],
      summary: 'Send a message, with attachments uploaded beforehand',
      params: Params,
      body: NewMessage,
      response: { 200: Message },
    },
    handler: async (req) => postMessage(req.ctx, req.params.id, req.body),
  });

  app.post('/api/messaging/threads/:id/read', {
    config: {
      access: {
        permission: 'messages:read',
        audit: 'messages.read_mark',
        auditInTransaction: true,
        resource: 'thread',
      },
    },
    schema: {
      tags: ['messaging'],
      summary: 'Mark the thread read up to now (others see the read receipt)',
      params: Params,
      response: { 200: z.object({ readAt: z.string(), moved: z.boolean() }) },
    },
    handler: async (req) => readThread(req.ctx, req.params.id),
  });

  app.post('/api/messaging/threads/:id/typing', {
    config: { access: { permission: 'messages:write', resource: 'thread' } },
    schema: {
      tags: ['messaging'],
      summary: "Tell the thread's other readers that the caller is typing (nothing is stored)",
      params: Params,
    },
    handler: async (req, reply) => {
      await typing(req.ctx, opts.realtime, req.params.id);
      return reply.code(204).send();
    },
  });

  app.post('/api/messaging/threads/:id/attachments', {
    config: {
      access: {
        permission: 'messages:write',
        audit: 'messages.attachment.upload',
        auditInTransaction: true,
        resource: 'thread',
      },
    },
    schema: {
      tags: ['messaging'],
      summary:
        'Upload a file for a message (the raw bytes; PNG, JPEG or PDF by content, at most 10 MB)',
      params: Params,
      querystring: AttachmentQuery,
      response: { 200: MessageAttachment },
    },
    handler: async (req) =>
      receiveAttachment(
        req.ctx,
        opts.storage,
        req.params.id,
        req.body as Readable | undefined,
        req.query.name,
      ),
  });

  /** Streams an attachment (or its preview) inline under its own name and sniffed type. */
  const serveAttachment = async (
    req: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    thumbnail: boolean,
  ) => {
    const file = await openAttachment(req.ctx, opts.storage, req.params.id, thumbnail);
    req.auditInfo = { ...req.auditInfo, details: { thumbnail } };
    reply
      .type(file.contentType)
      .header('content-disposition', contentDisposition('inline', file.fileName))
      .header('cache-control', 'private, max-age=3600');
    if (file.sizeBytes !== null) reply.header('content-length', file.sizeBytes);
    return reply.send(file.stream);
  };

  app.get('/api/messaging/attachments/:id', {
    config: {
      access: {
        permission: 'messages:read',
        audit: 'messages.attachment.read',
        resource: 'attachment',
      },
    },
    schema: { tags: ['messaging'], summary: 'An attachment, as sent', params: Params },
    handler: (req, reply) => serveAttachment(req, reply, false),
  });

  app.get('/api/messaging/attachments/:id/thumbnail', {
    config: {
      access: {
        permission: 'messages:read',
        audit: 'messages.attachment.preview',
        resource: 'attachment',
      },
    },
    schema: {
      tags: ['messaging'],
      summary: 'A small JPEG preview of an image attachment (the file itself for a PDF)',
      params: Params,
    },
    handler: (req, reply) => serveAttachment(req, reply, true),
  });

  app.get('/api/messaging/templates', {
    config: { access: { permission: 'messages:read' } },
    schema: {
      tags: ['messaging'],
      summary: 'Templates for common requests',
      response: { 200: z.array(MessageTemplate) },
    },
    handler: async (req) => listTemplates(req.ctx.db),
  });

  app.put('/api/messaging/templates', {
    config: {
      access: {
        permission: 'messages:templates',
        audit: 'messages.templates.update',
        auditInTransaction: true,
      },
    },
    schema: {
      tags: ['messaging'],
      summary: 'Replace the templates with an edited list, in order (assistant lead)',
      body: Templates,
      response: { 200: z.array(MessageTemplate) },
    },
    handler: async (req) => replaceTemplates(req.ctx, req.body.templates),
  });
}
