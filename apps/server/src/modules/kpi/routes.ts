import { KpiDashboard, KpiDrillQuery, KpiFilters, KpiStudyList } from '@telerad/contracts';
import type { FastifyZodApp } from '../../platform/http';
import { dashboardCsv } from './csv';
import { kpiDashboard } from './dashboard';
import { kpiStudies } from './drill';
import { filterNames, settle } from './filters';
import { dashboardPdf } from './pdf';

const tags = ['kpi'];

/**
 * The KPI dashboard (QA, consultants, administrators): every panel for the filters, the studies
 * behind any figure, and the CSV and PDF exports. Each call is audited: the lists name studies.
 */
export async function kpiRoutes(app: FastifyZodApp): Promise<void> {
  app.get('/api/kpi', {
    config: { access: { permission: 'kpi:read', audit: 'kpi.read' } },
    schema: {
      tags,
      summary: 'Every KPI panel for a period, centre, clinic, radiologist and programme',
      querystring: KpiFilters,
      response: { 200: KpiDashboard },
    },
    handler: async (req) => kpiDashboard(req.ctx.db, req.query),
  });
  app.get('/api/kpi/studies', {
    config: { access: { permission: 'kpi:read', audit: 'kpi.studies' } },
    schema: {
      tags,
      summary: 'The studies behind one figure of the KPI dashboard',
      querystring: KpiDrillQuery,
      response: { 200: KpiStudyList },
    },
    handler: async (req) => kpiStudies(req.ctx.db, req.query),
  });
  app.get('/api/kpi/export.csv', {
    config: { access: { permission: 'kpi:read', audit: 'kpi.export' } },
    schema: {
      tags,
      summary: 'The KPI dashboard as CSV, a figure a line',
      querystring: KpiFilters,
    },
    handler: async (req, reply) => {
      const d = await kpiDashboard(req.ctx.db, req.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="kpi-${d.period.from}-${d.period.to}.csv"`,
        )
        .send(dashboardCsv(d));
    },
  });
  app.get('/api/kpi/export.pdf', {
    config: { access: { permission: 'kpi:read', audit: 'kpi.export' } },
    schema: {
      tags,
      summary: 'The KPI dashboard as a PDF for a periodic review',
      querystring: KpiFilters,
    },
    handler: async (req, reply) => {
      const d = await kpiDashboard(req.ctx.db, req.query);
      const s = settle({ ...req.query, from: d.period.from, to: d.period.to });
      const pdf = await dashboardPdf(d, s, await filterNames(req.ctx.db, s));
      return reply
        .header('content-type', 'application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="kpi-${d.period.from}-${d.period.to}.pdf"`,
        )
        .send(pdf);
    },
  });
}
