import {
  AskSecondOpinionBody,
  ConsultNoteAddendumBody,
  SecondOpinion,
  SecondOpinionList,
  SecondOpinionSla,
  SecondOpinionTaskAnswer,
  SignConsultNoteBody,
} from '@telerad/contracts';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import { contentDisposition } from '../delivery';
import type { WorklistClock } from '../worklist';
import { addConsultNoteAddendum } from './addenda';
import { getSecondOpinionTask, signConsultNote } from './answers';
import { consultNotePdf } from './pdf';
import { getSecondOpinionSla, putSecondOpinionSla } from './sla';
import { askSecondOpinion, listSecondOpinions, withdrawSecondOpinion } from './requests';

/** What the second-opinion routes need. */
export interface SecondOpinionRouteOptions {
  claimTimeoutSeconds: number;
}

const Params = z.object({ id: z.uuid() });
const StudyParams = z.object({ studyUid: z.string().max(64) });
const tags = ['second opinions'];

/**
 * Second opinions: asking on a study's page, the study's questions with their signed notes, the
 * asker's withdrawal, the consultant's task (`/api/tasks/:id/second-opinion…`), the note's
 * addenda and its PDF; and the second-opinion SLA (`/api/settings/second-opinion`).
 */
export async function secondOpinionRoutes(
  app: FastifyZodApp,
  opts: SecondOpinionRouteOptions,
): Promise<void> {
  const clock = (): WorklistClock => ({
    now: new Date(),
    claimTimeoutSeconds: opts.claimTimeoutSeconds,
  });

  app.get('/api/studies/:studyUid/second-opinions', {
    config: {
      access: { permission: 'secondOpinion:read', audit: 'second-opinion.list', resource: 'study' },
    },
    schema: {
      tags,
      summary: 'The questions asked about a study, with the consultants’ signed notes',
      params: StudyParams,
      response: { 200: SecondOpinionList },
    },
    handler: async (req) => {
      const { items, clinicId } = await listSecondOpinions(req.ctx, req.params.studyUid);
      req.auditInfo = { clinicId, details: { ids: items.map((o) => o.id) } };
      return { items };
    },
  });
  app.post('/api/studies/:studyUid/second-opinions', {
    config: {
      access: {
        permission: 'secondOpinion:request',
        audit: 'second-opinion.ask',
        auditInTransaction: true,
        resource: 'study',
      },
    },
    schema: {
      tags,
      summary: 'Ask a consultant a question about a study (a task with its own due time)',
      params: StudyParams,
      body: AskSecondOpinionBody,
      response: { 200: SecondOpinion },
    },
    handler: async (req) => askSecondOpinion(req.ctx, req.params.studyUid, req.body),
  });
  app.post('/api/second-opinions/:id/withdraw', {
    config: {
      access: {
        permission: 'secondOpinion:request',
        audit: 'second-opinion.withdraw',
        auditInTransaction: true,
        resource: 'secondOpinion',
      },
    },
    schema: {
      tags,
      summary: 'Withdraw a question you asked that is not answered yet',
      params: Params,
      response: { 200: SecondOpinion },
    },
    handler: async (req) => withdrawSecondOpinion(req.ctx, req.params.id),
  });
  app.post('/api/second-opinions/:id/addenda', {
    config: {
      access: {
        permission: 'secondOpinion:answer',
        audit: 'second-opinion.addendum',
        auditInTransaction: true,
        resource: 'secondOpinion',
      },
    },
    schema: {
      tags,
      summary:
        'Correct a signed consult note with a signed addendum (the note itself never changes)',
      params: Params,
      body: ConsultNoteAddendumBody,
      response: { 200: SecondOpinion },
    },
    handler: async (req) => addConsultNoteAddendum(req.ctx, req.params.id, req.body),
  });
  app.get('/api/second-opinions/:id/note.pdf', {
    config: {
      access: {
        permission: 'secondOpinion:read',
        audit: 'second-opinion.note.pdf',
        resource: 'secondOpinion',
      },
    },
    schema: {
      tags,
      summary: 'The signed consult note as a PDF',
      params: Params,
    },
    handler: async (req, reply) => {
      const out = await consultNotePdf(req.ctx, req.params.id);
      req.auditInfo = { clinicId: out.clinicId };
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition('attachment', out.fileName))
        .header('cache-control', 'private, no-store')
        .send(out.pdf);
    },
  });

  app.get('/api/tasks/:id/second-opinion', {
    config: {
      access: {
        permission: 'secondOpinion:answer',
        audit: 'second-opinion.open',
        resource: 'task',
      },
    },
    schema: {
      tags,
      summary: 'The consultant’s view of a claimed second-opinion task',
      params: Params,
      response: { 200: SecondOpinionTaskAnswer },
    },
    handler: async (req) => getSecondOpinionTask(req.ctx, req.params.id, clock()),
  });
  app.post('/api/tasks/:id/second-opinion/sign', {
    config: {
      access: {
        permission: 'secondOpinion:answer',
        audit: 'second-opinion.sign',
        auditInTransaction: true,
        resource: 'task',
      },
    },
    schema: {
      tags,
      summary: 'Sign the consult note that answers the question (it cannot change afterwards)',
      params: Params,
      body: SignConsultNoteBody,
      response: { 200: SecondOpinionTaskAnswer },
    },
    handler: async (req) => signConsultNote(req.ctx, req.params.id, req.body, clock()),
  });

  app.get('/api/settings/second-opinion', {
    config: { access: { permission: 'settings:read' } },
    schema: {
      tags: ['settings'],
      summary: 'How long a consultant has to answer a second opinion, routine or urgent',
      response: { 200: SecondOpinionSla },
    },
    handler: async (req) => getSecondOpinionSla(req.ctx.db),
  });
  app.put('/api/settings/second-opinion', {
    config: {
      access: {
        permission: 'settings:write',
        audit: 'settings.second-opinion.update',
        auditInTransaction: true,
      },
    },
    schema: {
      tags: ['settings'],
      summary: 'Change how long a consultant has to answer a second opinion',
      body: SecondOpinionSla,
      response: { 200: SecondOpinionSla },
    },
    handler: async (req) => putSecondOpinionSla(req.ctx, req.body),
  });
}
