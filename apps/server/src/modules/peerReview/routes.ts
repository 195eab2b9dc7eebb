import {
  BlindReadBody,
  DiscrepancyAnswer,
  DiscrepancyList,
  DiscrepancyQuery,
  PeerReviewProgramme,
  PeerReviewProgrammeInput,
  PeerReviewProgrammeList,
  PeerReviewReaders,
  PeerReviewTaskAnswer,
  PeerScoreBody,
  PeerScoreList,
  PeerScoreQuery,
  ResolveDiscrepancyBody,
} from '@telerad/contracts';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import type { ReleaseQueue } from '../reports';
import { activeReaders } from '../users';
import type { WorklistClock } from '../worklist';
import { getDiscrepancy, listDiscrepancies, resolveDiscrepancy } from './discrepancies';
import { createProgramme, listProgrammes, updateProgramme } from './programmes';
import { getPeerReviewTask, recordBlindRead, scorePeerReview } from './reviews';
import { listScores } from './scores';

/** What the peer-review routes need. */
export interface PeerReviewRouteOptions {
  claimTimeoutSeconds: number;
  /** Where a discrepancy's addendum enqueues `report.released`. */
  releases: ReleaseQueue;
}

const Params = z.object({ id: z.uuid() });
const tags = ['peer review'];

/**
 * Peer review: programmes (QA), the reviewer's task (`/api/tasks/:id/peer-review…`), scores
 * (confidential: one's own, QA all) and discrepancy cases (consultants).
 */
export async function peerReviewRoutes(
  app: FastifyZodApp,
  opts: PeerReviewRouteOptions,
): Promise<void> {
  const clock = (): WorklistClock => ({
    now: new Date(),
    claimTimeoutSeconds: opts.claimTimeoutSeconds,
  });

  app.get('/api/peer-review/programmes', {
    config: { access: { permission: 'peerReview:programmes:read' } },
    schema: {
      tags,
      summary: 'Peer-review programmes: sampling rate, targets, blind or not',
      response: { 200: PeerReviewProgrammeList },
    },
    handler: async (req) => listProgrammes(req.ctx.db),
  });
  app.get('/api/peer-review/readers', {
    config: { access: { permission: 'peerReview:programmes:read' } },
    schema: {
      tags,
      summary: 'The radiologists and consultants a programme may target',
      response: { 200: PeerReviewReaders },
    },
    handler: async (req) => ({ items: await activeReaders(req.ctx.db) }),
  });
  app.post('/api/peer-review/programmes', {
    config: {
      access: {
        permission: 'peerReview:programmes:write',
        audit: 'peer-review.programme.create',
        auditInTransaction: true,
      },
    },
    schema: {
      tags,
      summary: 'Create a peer-review programme',
      body: PeerReviewProgrammeInput,
      response: { 200: PeerReviewProgramme },
    },
    handler: async (req) => createProgramme(req.ctx, req.body),
  });
  app.put('/api/peer-review/programmes/:id', {
    config: {
      access: {
        permission: 'peerReview:programmes:write',
        audit: 'peer-review.programme.update',
        auditInTransaction: true,
        resource: 'peerReviewProgramme',
      },
    },
    schema: {
      tags,
      summary: 'Change a peer-review programme (applies to reads finalised from now on)',
      params: Params,
      body: PeerReviewProgrammeInput,
      response: { 200: PeerReviewProgramme },
    },
    handler: async (req) => updateProgramme(req.ctx, req.params.id, req.body),
  });

  app.get('/api/tasks/:id/peer-review', {
    config: {
      access: { permission: 'peerReview:review', audit: 'peer-review.open', resource: 'task' },
    },
    schema: {
      tags,
      summary: 'The reviewer’s view of a claimed peer-review task',
      params: Params,
      response: { 200: PeerReviewTaskAnswer },
    },
    handler: async (req) => getPeerReviewTask(req.ctx, req.params.id, clock()),
  });
  app.post('/api/tasks/:id/peer-review/blind-read', {
    config: {
      access: {
        permission: 'peerReview:review',
        audit: 'peer-review.blind-read',
        auditInTransaction: true,
        resource: 'task',
      },
    },
    schema: {
      tags,
      summary: 'Record your own read of a blind review before the original report is shown',
      params: Params,
      body: BlindReadBody,
      response: { 200: PeerReviewTaskAnswer },
    },
    handler: async (req) => recordBlindRead(req.ctx, req.params.id, req.body, clock()),
  });
  app.post('/api/tasks/:id/peer-review/score', {
    config: {
      access: {
        permission: 'peerReview:review',
        audit: 'peer-review.score',
        auditInTransaction: true,
        resource: 'task',
      },
    },
    schema: {
      tags,
      summary: 'Score the read with RADPEER (score 3 or any "b" opens a discrepancy case)',
      params: Params,
      body: PeerScoreBody,
      response: { 200: PeerReviewTaskAnswer },
    },
    handler: async (req) => scorePeerReview(req.ctx, req.params.id, req.body, clock()),
  });

  app.get('/api/peer-reviews', {
    config: { access: { permission: 'peerReview:scores:read', audit: 'peer-review.scores' } },
    schema: {
      tags,
      summary: 'Peer-review scores: your own reads, or every reader’s for QA',
      querystring: PeerScoreQuery,
      response: { 200: PeerScoreList },
    },
    handler: async (req) => listScores(req.ctx, req.query),
  });

  app.get('/api/peer-review/discrepancies', {
    config: {
      access: { permission: 'peerReview:discrepancies:read', audit: 'discrepancy.list' },
    },
    schema: {
      tags,
      summary: 'Discrepancy cases opened by peer review',
      querystring: DiscrepancyQuery,
      response: { 200: DiscrepancyList },
    },
    handler: async (req) => listDiscrepancies(req.ctx, req.query),
  });
  app.get('/api/peer-review/discrepancies/:id', {
    config: {
      access: {
        permission: 'peerReview:discrepancies:read',
        audit: 'discrepancy.open',
        resource: 'discrepancy',
      },
    },
    schema: {
      tags,
      summary: 'One discrepancy case with its report',
      params: Params,
      response: { 200: DiscrepancyAnswer },
    },
    handler: async (req) => getDiscrepancy(req.ctx, req.params.id),
  });
  app.post('/api/peer-review/discrepancies/:id/resolve', {
    config: {
      access: {
        permission: 'peerReview:discrepancies:resolve',
        audit: 'discrepancy.resolve',
        auditInTransaction: true,
        resource: 'discrepancy',
      },
    },
    schema: {
      tags,
      summary:
        'Settle a discrepancy: feedback to the reader, and an addendum if the report must change',
      params: Params,
      body: ResolveDiscrepancyBody,
      response: { 200: DiscrepancyAnswer },
    },
    handler: async (req) =>
      resolveDiscrepancy(req.ctx, req.params.id, req.body, { releases: opts.releases }),
  });
}
