import {
  CadCalibration,
  CadCalibrationQuery,
  CadCalibrationReads,
  CadCalibrationReadsQuery,
  KpiDashboard,
  KpiDrillQuery,
  KpiFilters,
  KpiStudyList,
} from '@telerad/contracts';
import type { FastifyZodApp } from '../../platform/http';
import { dashboardCsv } from './csv';
import { cadCalibration } from './cadCalibration';
import { cadCalibrationReads } from './cadDrill';
import { kpiDashboard } from './dashboard';
import { kpiStudies } from './drill';
import { filterNames, settle } from './filters';
import { dashboardPdf } from './pdf';

const tags = ['kpi'];

/**
 * The KPI dashboard (QA, consultants, administrators): every panel for the filters, the studies
 * behind any figure, and the CSV and PDF exports; the CAD calibration page and the studies behind
 * its figures (docs/adr/0045). Each call is audited: the lists name studies.
 */
export async function kpiRoutes(app: FastifyZodApp): Promise<void> {
  app.get('/api/kpi/cad', {
    config: { access: { permission: 'kpi:read', audit: 'kpi.cad' } },
    schema: {
      tags,
      summary:
        'CAD calibration of a product version and programme: ROC, AUC, sensitivity and specificity at the thresholds, the share flagged by clinic and month',
      querystring: CadCalibrationQuery,
      response: { 200: CadCalibration },
    },
    handler: async (req) => cadCalibration(req.ctx, req.query),
  });
  app.get('/api/kpi/cad/reads', {
    config: { access: { permission: 'kpi:read', audit: 'kpi.cad.reads' } },
    schema: {
      tags,
      summary: 'The studies behind one CAD calibration figure, a page at a time',
      querystring: CadCalibrationReadsQuery,
      response: { 200: CadCalibrationReads },
    },
    handler: async (req) => cadCalibrationReads(req.ctx, req.query),
  });
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
