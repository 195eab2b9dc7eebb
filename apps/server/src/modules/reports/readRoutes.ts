import {
  AddendumBody,
  ConsultationRulesBody,
  FlagCriticalBody,
  ReportListAnswer,
  ReportListQuery,
  ReportRecord,
  SignReportAnswer,
  StudyReportsAnswer,
} from '@telerad/contracts';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import { noteClinicReceipts } from '../receipts';
import { addAddendum } from './addenda';
import { flagSignedReport } from './criticalFlag';
import type { ReleaseQueue } from './jobs';
import { getReport, listReports, studyReports } from './reads';
import { getConsultationRules, putConsultationRules } from './rules';

const ReportParams = z.object({ id: z.uuid() });

/** The released reports an answer shows in full, as portal views of their current version. */
const viewedInPortal = (reports: readonly ReportRecord[]) =>
  reports
    .filter((r) => r.currentVersion >= 1 && r.releasedAt !== null)
    .map((r) => ({
      reportId: r.id,
      version: r.currentVersion,
      clinicId: r.clinicId,
      kind: 'viewed' as const,
      via: 'portal' as const,
    }));
const StudyParams = z.object({ studyUid: z.string().min(1).max(64) });

/**
 * Released reports for the clinic portal and staff, addenda (released on `releases`), and the
 * consultation rules.
 */
export async function readRoutes(app: FastifyZodApp, releases: ReleaseQueue): Promise<void> {
  app.get('/api/reports', {
    config: { access: { permission: 'report:read', audit: 'report.list' } },
    schema: {
      tags: ['reports'],
      summary: 'Reports in the caller’s scope (clinic users: released reports only)',
      querystring: ReportListQuery,
      response: { 200: ReportListAnswer },
    },
    handler: async (req) => {
      req.auditInfo = { details: { query: req.query } };
      return listReports(req.ctx, req.query);
    },
  });

  app.get('/api/reports/:id', {
    config: { access: { permission: 'report:read', audit: 'report.read', resource: 'report' } },
    schema: {
      tags: ['reports'],
      summary: 'One report with its versions (clinic users: released versions only)',
      params: ReportParams,
      response: { 200: ReportRecord },
    },
    handler: async (req) => {
      const r = await getReport(req.ctx, req.params.id);
      req.auditInfo = { clinicId: r.clinicId, details: { studyUid: r.studyUid } };
      noteClinicReceipts(req, viewedInPortal([r]));
      return r;
    },
  });

  app.get('/api/studies/:studyUid/reports', {
    config: {
      access: { permission: 'report:read', audit: 'report.study_reports', resource: 'study' },
    },
    schema: {
      tags: ['reports'],
      summary: 'Released reports and retake requests of a study',
      params: StudyParams,
      response: { 200: StudyReportsAnswer },
    },
    handler: async (req) => {
      const { clinicId, ...r } = await studyReports(req.ctx, req.params.studyUid);
      req.auditInfo = {
        resourceId: req.params.studyUid,
        clinicId,
        details: { reports: r.reports.map((x) => x.id) },
      };
      noteClinicReceipts(req, viewedInPortal(r.reports));
      return r;
    },
  });

  app.post('/api/reports/:id/addenda', {
    config: {
      access: {
        permission: 'report:sign',
        audit: 'report.addendum',
        auditInTransaction: true,
        resource: 'report',
      },
    },
    schema: {
      tags: ['reports'],
      summary: 'Add an addendum to a released report (a new version)',
      params: ReportParams,
      body: AddendumBody,
      response: { 200: SignReportAnswer },
    },
    handler: async (req) => {
      const r = await addAddendum(req.ctx, req.params.id, req.body, { releases });
      req.auditInfo = {
        clinicId: r.report.clinicId,
        details: { version: r.report.currentVersion },
      };
      return r;
    },
  });

  app.post('/api/reports/:id/critical', {
    config: {
      access: {
        permission: 'report:sign',
        audit: 'report.critical',
        auditInTransaction: true,
        resource: 'report',
      },
    },
    schema: {
      tags: ['reports'],
      summary: 'Flag a signed report critical: its clinic is alerted (now, or on release)',
      params: ReportParams,
      body: FlagCriticalBody,
      response: { 200: ReportRecord },
    },
    handler: async (req) => flagSignedReport(req.ctx, req.params.id, req.body),
  });

  app.get('/api/settings/consultation-rules', {
    config: { access: { permission: 'rules:consultation:read' } },
    schema: {
      tags: ['reports'],
      summary: 'Consultation rules in force',
      response: { 200: ConsultationRulesBody },
    },
    handler: async (req) => getConsultationRules(req.ctx.db),
  });

  app.put('/api/settings/consultation-rules', {
    config: { access: { permission: 'rules:consultation:write' } },
    schema: {
      tags: ['reports'],
      summary: 'Change the consultation rules (QA or admin; audited)',
      body: ConsultationRulesBody,
      response: { 200: ConsultationRulesBody },
    },
    handler: async (req) => putConsultationRules(req.ctx, req.body),
  });
}
