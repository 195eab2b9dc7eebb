import {
  OnboardingChecklist,
  OnboardingList,
  OnboardingStepUpdate,
  OnboardingTransitionInput,
  TrainingRecordInput,
} from '@telerad/contracts';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import { checklistFor, listOnboarding } from './service';
import { updateStep } from './steps';
import { addTraining, removeTraining } from './training';
import { moveClinic } from './transitions';

const Params = z.object({ id: z.uuid() });

/** A write of a clinic's checklist, audited in its own transaction. */
const write = (audit: string, resource: 'clinic' | 'trainingRecord') => ({
  access: {
    permission: 'onboarding:write' as const,
    resource,
    audit,
    auditInTransaction: true,
  },
});

/**
 * `/api/onboarding` and `/api/clinics/:id/onboarding`: a new clinic's checklist from creation to
 * live. Support and admin work it; a clinic's own users read their progress.
 */
export async function onboardingRoutes(app: FastifyZodApp): Promise<void> {
  app.get('/api/onboarding', {
    config: { access: { permission: 'onboarding:read', audit: 'onboarding.list' } },
    schema: {
      tags: ['onboarding'],
      summary: 'Clinics in onboarding or pilot, with their progress',
      response: { 200: OnboardingList },
    },
    handler: async (req) => ({ items: await listOnboarding(req.ctx) }),
  });
  app.get('/api/clinics/:id/onboarding', {
    config: {
      access: { permission: 'onboarding:read', resource: 'clinic', audit: 'onboarding.read' },
    },
    schema: {
      tags: ['onboarding'],
      summary: 'One clinic’s onboarding checklist, with evidence found and the moves open to it',
      params: Params,
      response: { 200: OnboardingChecklist },
    },
    handler: async (req) => checklistFor(req.ctx, req.params.id),
  });
  app.patch('/api/clinics/:id/onboarding/steps', {
    config: write('onboarding.step', 'clinic'),
    schema: {
      tags: ['onboarding'],
      summary: 'Change one step: status, owner, due date, note',
      params: Params,
      body: OnboardingStepUpdate,
      response: { 200: OnboardingChecklist },
    },
    handler: async (req) => updateStep(req.ctx, req.params.id, req.body),
  });
  app.post('/api/clinics/:id/onboarding/training', {
    config: write('onboarding.training.add', 'clinic'),
    schema: {
      tags: ['onboarding'],
      summary: 'Record that a clinic user was trained',
      params: Params,
      body: TrainingRecordInput,
      response: { 200: OnboardingChecklist },
    },
    handler: async (req) => addTraining(req.ctx, req.params.id, req.body),
  });
  app.delete('/api/onboarding/training/:id', {
    config: write('onboarding.training.remove', 'trainingRecord'),
    schema: {
      tags: ['onboarding'],
      summary: 'Remove a training record entered by mistake',
      params: Params,
      response: { 200: OnboardingChecklist },
    },
    handler: async (req) => removeTraining(req.ctx, req.params.id),
  });
  app.post('/api/clinics/:id/onboarding/move', {
    config: write('onboarding.move', 'clinic'),
    schema: {
      tags: ['onboarding'],
      summary: 'Move the clinic to pilot or live, or one step back with a reason',
      params: Params,
      body: OnboardingTransitionInput,
      response: { 200: OnboardingChecklist },
    },
    handler: async (req) => moveClinic(req.ctx, req.params.id, req.body),
  });
}
