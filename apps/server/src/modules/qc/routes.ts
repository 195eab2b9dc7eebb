import {
  ClinicReadAnswer,
  ClinicReadBody,
  QcAgreementList,
  QcFeedback,
  QcPeriodQuery,
  QcRules,
  QcRulesAnswer,
  QcSignBody,
  QcTaskAnswer,
} from '@telerad/contracts';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import { contentDisposition } from '../delivery';
import { seededDraw } from '../peerReview';
import type { WorklistClock } from '../worklist';
import { clinicFeedback, listAgreement } from './agreement';
import { getClinicRead, submitClinicRead } from './clinicReads';
import { buildFeedbackPdf } from './feedbackPdf';
import { getQcRules, putQcRules } from './rules';
import { getQcTask, signQcRead } from './rereads';
import type { QcDraw } from './sampling';

/** What the QC routes need. */
export interface QcRouteOptions {
  claimTimeoutSeconds: number;
  /** Fixes the percentage draw (tests); a fresh secret seed each start by default. */
  seed?: string;
}

const Params = z.object({ id: z.uuid() });
const StudyParams = z.object({ studyUid: z.string().min(1).max(64) });
const tags = ['quality control'];

/**
 * QC re-reading of clinic-read images: the rules (QA), the clinic's own read of a study, the
 * centre's blind re-read (`/api/tasks/:id/qc…`), and agreement with kappa and the feedback PDF.
 */
export async function qcRoutes(app: FastifyZodApp, opts: QcRouteOptions): Promise<void> {
  const clock = (): WorklistClock => ({
    now: new Date(),
    claimTimeoutSeconds: opts.claimTimeoutSeconds,
  });
  const draw: QcDraw = seededDraw(opts.seed ?? randomUUID());

  app.get('/api/qc/rules', {
    config: { access: { permission: 'qc:rules:read', audit: 'qc.rules.read' } },
    schema: {
      tags,
      summary: 'QC sampling rules: the default and each clinic’s own',
      response: { 200: QcRulesAnswer },
    },
    handler: async (req) => getQcRules(req.ctx.db),
  });
  app.put('/api/qc/rules', {
    config: {
      access: { permission: 'qc:rules:write', audit: 'qc.rules.update', auditInTransaction: true },
    },
    schema: {
      tags,
      summary: 'Replace the QC sampling rules (applies to clinic reads sent from now on)',
      body: QcRules,
      response: { 200: QcRulesAnswer },
    },
    handler: async (req) => putQcRules(req.ctx, req.body),
  });

  app.get('/api/studies/:studyUid/clinic-read', {
    config: {
      access: { permission: 'qc:clinicRead', audit: 'qc.clinic-read.open', resource: 'study' },
    },
    schema: {
      tags,
      summary: 'The clinic’s own read of a study, and the centre’s check once done',
      params: StudyParams,
      response: { 200: ClinicReadAnswer },
    },
    handler: async (req) => getClinicRead(req.ctx, req.params.studyUid),
  });
  app.post('/api/studies/:studyUid/clinic-read', {
    config: {
      access: {
        permission: 'qc:submit',
        audit: 'qc.clinic-read.submit',
        auditInTransaction: true,
        resource: 'study',
      },
    },
    schema: {
      tags,
      summary: 'Send the clinic’s own structured read of a study (the QC rules may sample it)',
      params: StudyParams,
      body: ClinicReadBody,
      response: { 200: ClinicReadAnswer },
    },
    handler: async (req) => submitClinicRead(req.ctx, req.params.studyUid, req.body, draw),
  });

  app.get('/api/tasks/:id/qc', {
    config: { access: { permission: 'qc:reread', audit: 'qc.reread.open', resource: 'task' } },
    schema: {
      tags,
      summary: 'The re-reader’s view of a claimed QC task (the clinic’s read only once signed)',
      params: Params,
      response: { 200: QcTaskAnswer },
    },
    handler: async (req) => getQcTask(req.ctx, req.params.id, clock()),
  });
  app.post('/api/tasks/:id/qc/sign', {
    config: {
      access: {
        permission: 'qc:reread',
        audit: 'qc.reread.sign',
        auditInTransaction: true,
        resource: 'task',
      },
    },
    schema: {
      tags,
      summary: 'Sign the centre’s QC read; it is compared with the clinic’s',
      params: Params,
      body: QcSignBody,
      response: { 200: QcTaskAnswer },
    },
    handler: async (req) => signQcRead(req.ctx, req.params.id, req.body, clock()),
  });

  app.get('/api/qc/agreement', {
    config: { access: { permission: 'qc:feedback:read', audit: 'qc.agreement' } },
    schema: {
      tags,
      summary: 'Agreement and Cohen’s kappa per clinic over a period (your clinics only)',
      querystring: QcPeriodQuery,
      response: { 200: QcAgreementList },
    },
    handler: async (req) => listAgreement(req.ctx, req.query),
  });
  app.get('/api/qc/clinics/:id/feedback', {
    config: {
      access: { permission: 'qc:feedback:read', audit: 'qc.feedback.open', resource: 'clinic' },
    },
    schema: {
      tags,
      summary: 'One clinic’s QC agreement over a period, with its checked reads',
      params: Params,
      querystring: QcPeriodQuery,
      response: { 200: QcFeedback },
    },
    handler: async (req) => clinicFeedback(req.ctx, req.params.id, req.query),
  });
  app.get('/api/qc/clinics/:id/feedback.pdf', {
    config: {
      access: { permission: 'qc:feedback:read', audit: 'qc.feedback.pdf', resource: 'clinic' },
    },
    schema: {
      tags,
      summary: 'The clinic’s QC feedback report as a PDF',
      params: Params,
      querystring: QcPeriodQuery,
    },
    handler: async (req, reply) => {
      const feedback = await clinicFeedback(req.ctx, req.params.id, req.query);
      const pdf = await buildFeedbackPdf(feedback);
      const name = `qc-feedback-${feedback.summary.clinicCode}-${feedback.from}-${feedback.to}.pdf`;
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition('attachment', name))
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  });
}
