import type { Readable } from 'node:stream';
import {
  NewSopBody,
  SopAcknowledgeBody,
  SopAcknowledgementsAnswer,
  SopDocument,
  SopDocumentQuery,
  SopFileAnswer,
  SopFileQuery,
  SopListAnswer,
  SopListQuery,
  SopOwnerChoices,
  SopPendingAnswer,
  SopVersionBody,
} from '@telerad/contracts';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import type { ObjectStorage } from '../../platform/storage';
import { contentDisposition } from '../delivery';
import { actorOf } from './audience';
import { acknowledgeSop, openSop, openSopFile } from './document';
import { acknowledgementsOf, exportAcknowledgements } from './history';
import { createSop, publishVersion, receiveSopFile } from './publish';
import { listSops, ownerChoices, pendingForActor } from './queries';

const IdParams = z.object({ id: z.uuid() });

/** A new version, and optionally a new owner with it. */
const NewVersionBody = z.object({
  version: SopVersionBody,
  ownerId: z.uuid().nullable().default(null),
});

/**
 * `/api/sops`: the SOP and guideline library. Everyone reads the documents written for their
 * roles and acknowledges the newest version once opened; QA and admin publish documents and
 * versions, upload PDFs, and read (and export) who acknowledged what. Reads and writes are
 * audited; writes in their own transaction.
 */
export async function sopRoutes(
  app: FastifyZodApp,
  opts: { storage: ObjectStorage },
): Promise<void> {
  app.addContentTypeParser(['application/octet-stream', 'application/pdf'], (_req, payload, done) =>
    done(null, payload),
  );
  const write = (audit: string, resource?: 'sop') => ({
    access: {
      permission: 'sops:manage' as const,
      audit,
      auditInTransaction: true,
      ...(resource ? { resource } : {}),
    },
  });

  app.get('/api/sops', {
    config: { access: { permission: 'sops:read', audit: 'sop.list' } },
    schema: {
      tags: ['sops'],
      summary: 'The SOPs and guidelines for the caller’s roles (QA: all), by words, role, status',
      querystring: SopListQuery,
      response: { 200: SopListAnswer },
    },
    handler: async (req) => ({
      documents: await listSops(req.ctx.db, actorOf(req.ctx), req.query),
    }),
  });

  app.get('/api/sops/pending', {
    config: { access: { permission: 'sops:read', audit: 'sop.pending' } },
    schema: {
      tags: ['sops'],
      summary: 'The newest versions the caller must still acknowledge',
      response: { 200: SopPendingAnswer },
    },
    handler: async (req) => ({ pending: await pendingForActor(req.ctx.db, actorOf(req.ctx)) }),
  });

  app.get('/api/sops/owners', {
    config: { access: { permission: 'sops:manage' } },
    schema: {
      tags: ['sops'],
      summary: 'Staff who may own a document',
      response: { 200: SopOwnerChoices },
    },
    handler: async (req) => ({ people: await ownerChoices(req.ctx.db) }),
  });

  app.post('/api/sops', {
    config: write('sop.create'),
    schema: {
      tags: ['sops'],
      summary: 'Publish a new document with its first version',
      body: NewSopBody,
      response: { 200: SopDocument },
    },
    handler: async (req) => {
      const id = await createSop(req.ctx, req.body);
      return openSop(req.ctx, id, undefined);
    },
  });

  app.post('/api/sops/files', {
    config: write('sop.file_upload'),
    schema: {
      tags: ['sops'],
      summary: 'Upload the PDF of a version to publish (the raw bytes, at most 20 MB)',
      querystring: SopFileQuery,
      response: { 200: SopFileAnswer },
    },
    handler: async (req) =>
      receiveSopFile(req.ctx, opts.storage, req.body as Readable | undefined, req.query.name),
  });

  app.get('/api/sops/:id', {
    config: { access: { permission: 'sops:read', audit: 'sop.read', resource: 'sop' } },
    schema: {
      tags: ['sops'],
      summary: 'One document: its version history and one version (the newest by default)',
      params: IdParams,
      querystring: SopDocumentQuery,
      response: { 200: SopDocument },
    },
    handler: async (req) => openSop(req.ctx, req.params.id, req.query.version),
  });

  app.get('/api/sops/:id/file', {
    config: { access: { permission: 'sops:read', audit: 'sop.file_read', resource: 'sop' } },
    schema: {
      tags: ['sops'],
      summary: 'The PDF of a PDF version (the newest by default)',
      params: IdParams,
      querystring: SopDocumentQuery,
    },
    handler: async (req, reply) => {
      const file = await openSopFile(req.ctx, opts.storage, req.params.id, req.query.version);
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition('inline', file.fileName))
        .header('content-length', file.sizeBytes)
        .send(file.stream);
    },
  });

  app.post('/api/sops/:id/versions', {
    config: write('sop.publish', 'sop'),
    schema: {
      tags: ['sops'],
      summary: 'Publish the next version; the one before is superseded and stays readable',
      params: IdParams,
      body: NewVersionBody,
      response: { 200: SopDocument },
    },
    handler: async (req) => {
      await publishVersion(req.ctx, req.params.id, {
        ...req.body.version,
        ownerId: req.body.ownerId,
      });
      return openSop(req.ctx, req.params.id, undefined);
    },
  });

  app.post('/api/sops/:id/acknowledge', {
    config: {
      access: {
        permission: 'sops:read',
        audit: 'sop.acknowledge',
        auditInTransaction: true,
        resource: 'sop',
      },
    },
    schema: {
      tags: ['sops'],
      summary: 'Confirm the caller has read the newest version (after opening it)',
      params: IdParams,
      body: SopAcknowledgeBody,
      response: { 200: SopDocument },
    },
    handler: async (req) => {
      await acknowledgeSop(req.ctx, req.params.id, req.body.version);
      return openSop(req.ctx, req.params.id, undefined);
    },
  });

  app.get('/api/sops/:id/acknowledgements', {
    config: {
      access: { permission: 'sops:manage', audit: 'sop.acknowledgements', resource: 'sop' },
    },
    schema: {
      tags: ['sops'],
      summary: 'Who acknowledged which version, and who still owes the newest one',
      params: IdParams,
      response: { 200: SopAcknowledgementsAnswer },
    },
    handler: async (req) => acknowledgementsOf(req.ctx.db, req.params.id),
  });

  app.get('/api/sops/:id/acknowledgements.csv', {
    config: {
      access: { permission: 'sops:manage', audit: 'sop.acknowledgements_export', resource: 'sop' },
    },
    schema: {
      tags: ['sops'],
      summary: 'The acknowledgement history as CSV',
      params: IdParams,
    },
    handler: async (req, reply) => {
      const { ref, csv } = await exportAcknowledgements(req.ctx.db, req.params.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          contentDisposition('attachment', `${ref}-acknowledgements.csv`),
        )
        .send(csv);
    },
  });
}
