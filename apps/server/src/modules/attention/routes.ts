import {
  AttentionPage,
  AttentionQuery,
  AttentionReview,
  IdentityCorrection,
  IdentityCorrectionResult,
  OrderCandidateQuery,
  OrderCandidates,
  OrderHandMatch,
  OrderHandMatchResult,
  StudyRelease,
  StudyReleaseResult,
} from '@telerad/contracts';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import { correctIdentity, reviewFlags } from './identity';
import { listAttention } from './list';
import { orderCandidates } from '../orders';
import { matchStudyByHand } from './orderMatch';
import { releaseStudy } from './release';

const StudyParams = z.object({ studyUid: z.string().max(64) });

/**
 * `/api/attention` and its actions: flagged studies for assistants and support, an identity
 * correction, and a review of a study's flags. Writes are audited in their own transaction
 * by the service, so the routes declare no audit action of their own.
 */
export async function attentionRoutes(app: FastifyZodApp): Promise<void> {
  app.get('/api/attention', {
    config: { access: { permission: 'attention:read', audit: 'attention.list' } },
    schema: {
      tags: ['attention'],
      summary: 'Studies that need a person: no Patient ID, IOD deviations, new versions',
      querystring: AttentionQuery,
      response: { 200: AttentionPage },
    },
    handler: async (req) => {
      const page = await listAttention(req.ctx, req.query);
      req.auditInfo = { details: { studies: page.items.map((i) => i.studyUid) } };
      return page;
    },
  });
  app.post('/api/studies/:studyUid/identity', {
    config: { access: { permission: 'attention:write', resource: 'study' } },
    schema: {
      tags: ['attention'],
      summary:
        "Enter the applicant's ID and name for a study (the stored header stays as received)",
      params: StudyParams,
      body: IdentityCorrection,
      response: { 200: IdentityCorrectionResult },
    },
    handler: async (req) => {
      const { clinicId: _clinic, ...result } = await correctIdentity(
        req.ctx,
        req.params.studyUid,
        req.body,
      );
      return result;
    },
  });
  app.post('/api/studies/:studyUid/attention/review', {
    config: { access: { permission: 'attention:write', resource: 'study' } },
    schema: {
      tags: ['attention'],
      summary: "Mark a study's flags as looked at",
      params: StudyParams,
      body: AttentionReview,
      response: { 204: z.null() },
    },
    handler: async (req, reply) => {
      await reviewFlags(req.ctx, req.params.studyUid, req.body.note);
      return reply.status(204).send(null);
    },
  });
  app.post('/api/studies/:studyUid/release', {
    config: {
      access: {
        permission: 'attention:write',
        resource: 'study',
        audit: 'study.release',
        auditInTransaction: true,
      },
    },
    schema: {
      tags: ['attention'],
      summary: 'Release a held study to the reading worklist once its flags were looked at',
      params: StudyParams,
      body: StudyRelease,
      response: { 200: StudyReleaseResult },
    },
    handler: async (req) => releaseStudy(req.ctx, req.params.studyUid, req.body.note),
  });
  app.get('/api/studies/:studyUid/order-candidates', {
    config: {
      access: { permission: 'attention:read', resource: 'study', audit: 'study.order.candidates' },
    },
    schema: {
      tags: ['attention'],
      summary:
        "Scheduled orders of the study's clinic it may answer (near dates, similar IDs), likeliest first",
      params: StudyParams,
      querystring: OrderCandidateQuery,
      response: { 200: OrderCandidates },
    },
    handler: async (req) => {
      const { clinicId, ...page } = await orderCandidates(req.ctx, req.params.studyUid, req.query);
      req.auditInfo = { clinicId, details: { orders: page.items.map((o) => o.id) } };
      return page;
    },
  });
  app.post('/api/studies/:studyUid/order-match', {
    config: { access: { permission: 'attention:write', resource: 'study' } },
    schema: {
      tags: ['attention'],
      summary:
        "Match a study to its clinic's order by hand: it takes the order's identity (the stored header stays as received)",
      params: StudyParams,
      body: OrderHandMatch,
      response: { 200: OrderHandMatchResult },
    },
    handler: async (req) => {
      const { clinicId: _clinic, ...result } = await matchStudyByHand(
        req.ctx,
        req.params.studyUid,
        req.body,
      );
      return result;
    },
  });
}
