import {
  AmendBody,
  ConcurBody,
  ConsultationAnswer,
  ConsultationRequestBody,
  SaveReportAnswer,
  SaveReportBody,
  SignReportAnswer,
  SignReportBody,
  TaskReportAnswer,
} from '@telerad/contracts';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import type { WorklistClock } from '../worklist';
import { getConsultation, settleConsultation } from './consultation';
import { getTaskReport, saveDraft } from './drafts';
import type { ReleaseQueue } from './jobs';
import { readRoutes } from './readRoutes';
import { signReport } from './signing';

/** Options of the report routes. */
export interface ReportRouteOptions {
  /** Seconds a worklist claim lives without a heartbeat (as the worklist routes). */
  claimTimeoutSeconds: number;
  /** Where releases enqueue `report.released`; required, so no release goes undelivered. */
  releases: ReleaseQueue;
}

// `:id` is the task (or report) id; the access test aims routes at records by this name.
const TaskParams = z.object({ id: z.uuid() });

/**
 * The reading side of reports: the claimant's draft, signing, consultation requests and the
 * consultant's decision (`/api/tasks/:id/report…`, `/api/consultations/:id…`), then the reads
 * and rules (readRoutes).
 */
export async function reportRoutes(app: FastifyZodApp, opts: ReportRouteOptions): Promise<void> {
  const { releases } = opts;
  const clock = (): WorklistClock => ({
    now: new Date(),
    claimTimeoutSeconds: opts.claimTimeoutSeconds,
  });
  /** The audit event names the task, the report and the outcome. */
  const audited = (a: SignReportAnswer) => ({
    clinicId: a.report.clinicId,
    details: {
      reportId: a.report.id,
      studyUid: a.report.studyUid,
      outcome: a.outcome,
      version: a.report.currentVersion,
      matchedRules: a.matchedRules.map((m) => m.id),
      consultationTaskId: a.consultationTaskId,
    },
  });

  app.get('/api/tasks/:id/report', {
    config: { access: { permission: 'report:write', audit: 'report.open', resource: 'task' } },
    schema: {
      tags: ['reports'],
      summary: 'A task’s report, its study and the forms to choose from',
      params: TaskParams,
      response: { 200: TaskReportAnswer },
    },
    handler: async (req) => {
      const r = await getTaskReport(req.ctx, req.params.id, clock());
      req.auditInfo = {
        clinicId: r.task.clinicId,
        details: { studyUid: r.study.uid, reportId: r.report?.id ?? null },
      };
      return r;
    },
  });

  app.put('/api/tasks/:id/report', {
    config: {
      access: {
        permission: 'report:write',
        audit: 'report.save',
        auditInTransaction: true,
        resource: 'task',
      },
    },
    schema: {
      tags: ['reports'],
      summary: 'Autosave the draft (409 with the current record when the revision is stale)',
      params: TaskParams,
      body: SaveReportBody,
      response: { 200: SaveReportAnswer },
    },
    handler: async (req) => {
      const r = await saveDraft(req.ctx, req.params.id, req.body);
      req.auditInfo = {
        clinicId: r.report.clinicId,
        details: { reportId: r.report.id, revision: r.report.revision },
      };
      return r;
    },
  });

  app.post('/api/tasks/:id/report/sign', {
    config: {
      access: {
        permission: 'report:sign',
        audit: 'report.sign',
        auditInTransaction: true,
        resource: 'task',
      },
    },
    schema: {
      tags: ['reports'],
      summary: 'Sign the draft: release it, hold it for consultation, or request a retake',
      params: TaskParams,
      body: SignReportBody,
      response: { 200: SignReportAnswer },
    },
    handler: async (req) => {
      const r = await signReport(req.ctx, req.params.id, req.body, { releases });
      req.auditInfo = audited(r);
      return r;
    },
  });

  app.post('/api/tasks/:id/consultation', {
    config: {
      access: {
        permission: 'report:sign',
        audit: 'report.consultation_request',
        auditInTransaction: true,
        resource: 'task',
      },
    },
    schema: {
      tags: ['reports'],
      summary: 'Sign and hold the report for a consultant, with a question',
      params: TaskParams,
      body: ConsultationRequestBody,
      response: { 200: SignReportAnswer },
    },
    handler: async (req) => {
      const r = await signReport(req.ctx, req.params.id, req.body, { releases });
      req.auditInfo = audited(r);
      return r;
    },
  });

  app.get('/api/consultations/:id', {
    config: {
      access: { permission: 'consultation:decide', audit: 'consultation.read', resource: 'task' },
    },
    schema: {
      tags: ['reports'],
      summary: 'The held report of a consultation task',
      params: TaskParams,
      response: { 200: ConsultationAnswer },
    },
    handler: async (req) => {
      const r = await getConsultation(req.ctx, req.params.id, clock());
      req.auditInfo = { clinicId: r.task.clinicId, details: { reportId: r.report.id } };
      return r;
    },
  });

  app.post('/api/consultations/:id/concur', {
    config: {
      access: {
        permission: 'consultation:decide',
        audit: 'consultation.concur',
        auditInTransaction: true,
        resource: 'task',
      },
    },
    schema: {
      tags: ['reports'],
      summary: 'Concur: release the held report as signed',
      params: TaskParams,
      body: ConcurBody,
      response: { 200: SignReportAnswer },
    },
    handler: async (req) => {
      const r = await settleConsultation(
        req.ctx,
        req.params.id,
        { kind: 'concur', ...req.body },
        { releases },
      );
      req.auditInfo = audited(r);
      return r;
    },
  });

  app.post('/api/consultations/:id/amend', {
    config: {
      access: {
        permission: 'consultation:decide',
        audit: 'consultation.amend',
        auditInTransaction: true,
        resource: 'task',
      },
    },
    schema: {
      tags: ['reports'],
      summary: 'Amend: release the consultant’s content (validated as final)',
      params: TaskParams,
      body: AmendBody,
      response: { 200: SignReportAnswer },
    },
    handler: async (req) => {
      const r = await settleConsultation(
        req.ctx,
        req.params.id,
        { kind: 'amend', ...req.body },
        { releases },
      );
      req.auditInfo = audited(r);
      return r;
    },
  });

  await readRoutes(app, releases);
}
