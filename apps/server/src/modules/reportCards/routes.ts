import { ReportCard, ReportCardList, ReportCardQuery } from '@telerad/contracts';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import { contentDisposition } from '../delivery';
import { buildReportCardPdf } from './pdf';
import { getReportCard, listReportCards } from './service';

const Params = z.object({ id: z.uuid() });
const tags = ['report cards'];

/**
 * Radiologist report cards over a period: QA's list of every reader's key figures, one reader's
 * card (their own for a radiologist, enforced by the scope check) and its PDF for the periodic
 * review. Read-only; every call is audited.
 */
export async function reportCardRoutes(app: FastifyZodApp): Promise<void> {
  app.get('/api/report-cards', {
    config: { access: { permission: 'reportCards:all', audit: 'report-card.list' } },
    schema: {
      tags,
      summary: 'Every reader’s key figures over a period',
      querystring: ReportCardQuery,
      response: { 200: ReportCardList },
    },
    handler: async (req) => listReportCards(req.ctx, req.query),
  });
  app.get('/api/report-cards/:id', {
    config: {
      access: { permission: 'reportCards:read', audit: 'report-card.read', resource: 'reportCard' },
    },
    schema: {
      tags,
      summary: 'One reader’s report card over a period (a radiologist reads only their own)',
      params: Params,
      querystring: ReportCardQuery,
      response: { 200: ReportCard },
    },
    handler: async (req) => getReportCard(req.ctx, req.params.id, req.query),
  });
  app.get('/api/report-cards/:id/pdf', {
    config: {
      access: { permission: 'reportCards:read', audit: 'report-card.pdf', resource: 'reportCard' },
    },
    schema: {
      tags,
      summary: 'The report card as a PDF for the periodic review',
      params: Params,
      querystring: ReportCardQuery,
    },
    handler: async (req, reply) => {
      const now = new Date();
      const card = await getReportCard(req.ctx, req.params.id, req.query, now);
      req.auditInfo = {
        ...req.auditInfo,
        details: { ...req.auditInfo?.details, from: card.period.from, to: card.period.to },
      };
      const pdf = await buildReportCardPdf(card, now);
      const name = `report-card-${card.reader.name}-${card.period.from}-${card.period.to}.pdf`;
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition('attachment', name))
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  });
}
