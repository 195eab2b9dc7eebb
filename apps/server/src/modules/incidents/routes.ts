import {
  IncidentActionBody,
  IncidentActionDoneBody,
  IncidentAnswer,
  IncidentCommentBody,
  IncidentListAnswer,
  IncidentListQuery,
  IncidentOwnerChoices,
  IncidentTransitionBody,
  IncidentUpdateBody,
  LessonSearchAnswer,
  LessonSearchQuery,
  NewIncidentBody,
} from '@telerad/contracts';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import { appError } from '../../platform/errors';
import type { Db } from '../../platform/db';
import { clinicScope } from '../auth';
import { listIncidents, loadIncident, ownerChoices, searchLessons } from './queries';
import {
  addIncidentAction,
  commentOnIncident,
  completeIncidentAction,
  reportIncident,
  updateIncident,
} from './service';
import { moveIncident } from './transitions';

const IdParams = z.object({ id: z.uuid() });

async function answer(db: Db, id: string) {
  const incident = await loadIncident(db, id);
  if (!incident) throw appError('NOT_FOUND');
  return { incident };
}

/**
 * Incidents: anyone on staff reports and comments; QA investigates (owner, severity, root cause,
 * actions, state) and closes with a lesson, which joins the searchable knowledge base. Writes are
 * audited in their own transaction by the services; reads of an incident are audited too (it
 * names patients).
 */
export async function incidentRoutes(app: FastifyZodApp): Promise<void> {
  const write = (permission: 'incidents:report' | 'incidents:manage', audit: string) => ({
    access: { permission, audit, auditInTransaction: true, resource: 'incident' as const },
  });

  app.get('/api/incidents', {
    config: { access: { permission: 'incidents:read', audit: 'incident.list' } },
    schema: {
      tags: ['incidents'],
      summary: 'Incidents, open ones first; optionally one state, or those about one study',
      querystring: IncidentListQuery,
      response: { 200: IncidentListAnswer },
    },
    handler: async (req) => ({
      incidents: await listIncidents(req.ctx.db, {
        scope: clinicScope(req.ctx.actor!),
        ...req.query,
      }),
    }),
  });

  app.post('/api/incidents', {
    config: {
      access: {
        permission: 'incidents:report',
        audit: 'incident.report',
        auditInTransaction: true,
      },
    },
    schema: {
      tags: ['incidents'],
      summary: 'Report an incident, linked to the studies and clinics it is about',
      body: NewIncidentBody,
      response: { 200: IncidentAnswer },
    },
    handler: async (req) => answer(req.ctx.db, await reportIncident(req.ctx, req.body)),
  });

  app.get('/api/incidents/owners', {
    config: { access: { permission: 'incidents:manage' } },
    schema: {
      tags: ['incidents'],
      summary: 'Staff who may own an incident or one of its actions',
      response: { 200: IncidentOwnerChoices },
    },
    handler: async (req) => ({ people: await ownerChoices(req.ctx.db) }),
  });

  app.get('/api/incidents/:id', {
    config: {
      access: { permission: 'incidents:read', audit: 'incident.read', resource: 'incident' },
    },
    schema: {
      tags: ['incidents'],
      summary: 'One incident: links, timeline, actions and lesson',
      params: IdParams,
      response: { 200: IncidentAnswer },
    },
    handler: async (req) => answer(req.ctx.db, req.params.id),
  });

  app.patch('/api/incidents/:id', {
    config: write('incidents:manage', 'incident.update'),
    schema: {
      tags: ['incidents'],
      summary: 'Change the severity, owner or root cause (each a timeline entry)',
      params: IdParams,
      body: IncidentUpdateBody,
      response: { 200: IncidentAnswer },
    },
    handler: async (req) => {
      await updateIncident(req.ctx, req.params.id, req.body);
      return answer(req.ctx.db, req.params.id);
    },
  });

  app.post('/api/incidents/:id/transition', {
    config: write('incidents:manage', 'incident.transition'),
    schema: {
      tags: ['incidents'],
      summary: 'Move the incident on: investigating, resolved (root cause), closed (lesson)',
      params: IdParams,
      body: IncidentTransitionBody,
      response: { 200: IncidentAnswer },
    },
    handler: async (req) => {
      await moveIncident(req.ctx, req.params.id, req.body);
      return answer(req.ctx.db, req.params.id);
    },
  });

  app.post('/api/incidents/:id/comments', {
    config: write('incidents:report', 'incident.comment'),
    schema: {
      tags: ['incidents'],
      summary: 'Add a comment to the timeline',
      params: IdParams,
      body: IncidentCommentBody,
      response: { 200: IncidentAnswer },
    },
    handler: async (req) => {
      await commentOnIncident(req.ctx, req.params.id, req.body);
      return answer(req.ctx.db, req.params.id);
    },
  });

  app.post('/api/incidents/:id/actions', {
    config: write('incidents:manage', 'incident.action'),
    schema: {
      tags: ['incidents'],
      summary: 'Add a corrective or preventive action with its owner and due date',
      params: IdParams,
      body: IncidentActionBody,
      response: { 200: IncidentAnswer },
    },
    handler: async (req) => {
      await addIncidentAction(req.ctx, req.params.id, req.body);
      return answer(req.ctx.db, req.params.id);
    },
  });

  app.post('/api/incidents/:id/actions/done', {
    config: write('incidents:manage', 'incident.action_done'),
    schema: {
      tags: ['incidents'],
      summary: 'Mark one of its corrective or preventive actions done',
      params: IdParams,
      body: IncidentActionDoneBody,
      response: { 200: IncidentAnswer },
    },
    handler: async (req) => {
      await completeIncidentAction(req.ctx, req.params.id, req.body.actionId);
      return answer(req.ctx.db, req.params.id);
    },
  });

  app.get('/api/lessons', {
    config: { access: { permission: 'lessons:read' } },
    schema: {
      tags: ['incidents'],
      summary: 'Search the lessons learned from closed incidents',
      querystring: LessonSearchQuery,
      response: { 200: LessonSearchAnswer },
    },
    handler: async (req) => ({ lessons: await searchLessons(req.ctx.db, req.query.q) }),
  });
}
