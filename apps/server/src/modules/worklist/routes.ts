import {
  ReadNowBody,
  ReassignBody,
  RoutingRules,
  ShiftBody,
  TaskPatch,
  WorklistPage,
  WorklistQuery,
  WorklistTask,
} from '@telerad/contracts';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import {
  claimNextTask,
  claimTask,
  heartbeatTask,
  reassignTask,
  releaseTask,
  setTaskPriority,
} from './claims';
import { listWorklist, type WorklistClock } from './queries';
import { readNowTask } from './readNow';
import { getRoutingRules, putRoutingRules } from './rules';
import { getOnShift, setOnShift } from './shift';

/** Options of the worklist routes. */
export interface WorklistRouteOptions {
  /** Seconds a claim lives without a heartbeat (TELERAD_CLAIM_TIMEOUT_SECONDS). */
  claimTimeoutSeconds: number;
}

const TaskParams = z.object({ id: z.uuid() });

/**
 * `/api/worklist`, `/api/tasks/*`, `/api/me/shift` and `/api/settings/routing`: the reading
 * worklist, claims, shifts and the routing and SLA rules.
 */
export async function worklistRoutes(
  app: FastifyZodApp,
  opts: WorklistRouteOptions,
): Promise<void> {
  const clock = (): WorklistClock => ({
    now: new Date(),
    claimTimeoutSeconds: opts.claimTimeoutSeconds,
  });
  /** The audit event names the task and its clinic. */
  const audited = (task: WorklistTask, details?: Record<string, unknown>) => ({
    resourceId: task.id,
    clinicId: task.clinicId,
    details: { studyUid: task.studyUid, ...details },
  });

  app.get('/api/worklist', {
    config: { access: { permission: 'worklist:read', audit: 'worklist.list' } },
    schema: {
      tags: ['worklist'],
      summary: 'Reading tasks in the caller’s scope, with counts per state',
      querystring: WorklistQuery,
      response: { 200: WorklistPage },
    },
    handler: async (req) => {
      req.auditInfo = { details: { query: req.query } };
      return listWorklist(req.ctx, req.query, clock());
    },
  });

  app.post('/api/tasks/next', {
    config: {
      access: { permission: 'worklist:claim', audit: 'task.claim_next', auditInTransaction: true },
    },
    schema: {
      tags: ['worklist'],
      summary: 'Claim the most urgent queued task',
      response: { 200: WorklistTask },
    },
    handler: async (req) => {
      const task = await claimNextTask(req.ctx, clock());
      req.auditInfo = audited(task);
      return task;
    },
  });

  app.post('/api/tasks/:id/claim', {
    config: {
      access: {
        permission: 'worklist:claim',
        audit: 'task.claim',
        auditInTransaction: true,
        resource: 'task',
      },
    },
    schema: {
      tags: ['worklist'],
      summary: 'Claim a task (exactly one of concurrent claimers wins)',
      params: TaskParams,
      response: { 200: WorklistTask },
    },
    handler: async (req) => {
      const task = await claimTask(req.ctx, req.params.id, clock());
      req.auditInfo = audited(task);
      return task;
    },
  });

  app.post('/api/tasks/:id/read-now', {
    config: {
      access: {
        permission: 'worklist:read_now',
        audit: 'task.read_now',
        auditInTransaction: true,
        resource: 'task',
      },
    },
    schema: {
      tags: ['worklist'],
      summary: 'Take a task that waits for its centre to open, with a reason, and claim it',
      params: TaskParams,
      body: ReadNowBody,
      response: { 200: WorklistTask },
    },
    handler: async (req) => readNowTask(req.ctx, req.params.id, req.body.reason, clock()),
  });

  // Not audited: it repeats every few seconds while a task is open and changes no ownership.
  app.post('/api/tasks/:id/heartbeat', {
    config: { access: { permission: 'worklist:claim', resource: 'task' } },
    schema: {
      tags: ['worklist'],
      summary: 'Keep a claim alive',
      params: TaskParams,
      response: { 200: WorklistTask },
    },
    handler: async (req) => heartbeatTask(req.ctx, req.params.id, clock()),
  });

  app.post('/api/tasks/:id/release', {
    config: {
      access: {
        permission: 'worklist:claim',
        audit: 'task.release',
        auditInTransaction: true,
        resource: 'task',
      },
    },
    schema: {
      tags: ['worklist'],
      summary: 'Return a claimed task to the queue',
      params: TaskParams,
      response: { 200: WorklistTask },
    },
    handler: async (req) => {
      const task = await releaseTask(req.ctx, req.params.id, clock());
      req.auditInfo = audited(task);
      return task;
    },
  });

  app.post('/api/tasks/:id/reassign', {
    config: {
      access: {
        permission: 'worklist:assign',
        audit: 'task.reassign',
        auditInTransaction: true,
        resource: 'task',
      },
    },
    schema: {
      tags: ['worklist'],
      summary: 'Hand a task to another reader, or back to the queue',
      params: TaskParams,
      body: ReassignBody,
      response: { 200: WorklistTask },
    },
    handler: async (req) => {
      const task = await reassignTask(req.ctx, req.params.id, req.body.assigneeId, clock());
      req.auditInfo = audited(task, { assigneeId: req.body.assigneeId });
      return task;
    },
  });

  app.patch('/api/tasks/:id', {
    config: {
      access: {
        permission: 'worklist:prioritise',
        audit: 'task.priority',
        auditInTransaction: true,
        resource: 'task',
      },
    },
    schema: {
      tags: ['worklist'],
      summary:
        'Change a task’s priority, with the reason its reader sees (clinics: routine to urgent only)',
      params: TaskParams,
      body: TaskPatch,
      response: { 200: WorklistTask },
    },
    handler: async (req) => {
      const { priority, reason } = req.body;
      const r = await setTaskPriority(req.ctx, req.params.id, priority, reason, clock());
      req.auditInfo = audited(r.task, { from: r.from, to: priority, reason: reason ?? null });
      return r.task;
    },
  });

  app.put('/api/me/shift', {
    config: {
      access: { permission: 'worklist:claim', audit: 'worklist.shift', auditInTransaction: true },
    },
    schema: {
      tags: ['worklist'],
      summary: 'Mark yourself on or off shift',
      body: ShiftBody,
      response: { 200: ShiftBody },
    },
    handler: async (req) => {
      await setOnShift(req.ctx, req.body.onShift);
      req.auditInfo = { details: { onShift: req.body.onShift } };
      return { onShift: req.body.onShift };
    },
  });

  app.get('/api/me/shift', {
    config: { access: { permission: 'worklist:claim' } },
    schema: {
      tags: ['worklist'],
      summary: 'Whether you are on shift',
      response: { 200: ShiftBody },
    },
    handler: async (req) => ({ onShift: await getOnShift(req.ctx) }),
  });

  app.get('/api/settings/routing', {
    config: { access: { permission: 'settings:read' } },
    schema: {
      tags: ['settings'],
      summary: 'Routing and SLA rules',
      response: { 200: RoutingRules },
    },
    handler: async (req) => (await getRoutingRules(req.ctx.db)).rules,
  });

  app.put('/api/settings/routing', {
    config: { access: { permission: 'settings:write' } },
    schema: {
      tags: ['settings'],
      summary: 'Change the routing and SLA rules (pins, priority overrides, SLA targets)',
      body: RoutingRules,
      response: { 200: RoutingRules },
    },
    handler: async (req) => putRoutingRules(req.ctx, req.body),
  });
}
