import { z } from 'zod';
import { Id } from './common';
import { Programme } from './org';

/** Reading-task types: one model for all of them (DESIGN.md §2 "Reading workflow"). */
export const TASK_TYPES = [
  'primary_read',
  'consultation',
  'second_opinion',
  'peer_review',
  'qc_read',
] as const;
export const TaskType = z.enum(TASK_TYPES);
export type TaskType = z.infer<typeof TaskType>;

/**
 * Reading-task states. `waiting`: routed while every eligible centre is closed, it joins its
 * centre's queue at `queuedAt`. `queued`: on a centre's worklist, SLA clock running.
 * `awaiting_images`: the reader asked the clinic for a retake; new images queue it again.
 */
export const TASK_STATES = [
  'waiting',
  'queued',
  'in_progress',
  'awaiting_images',
  'completed',
  'cancelled',
] as const;
export const TaskState = z.enum(TASK_STATES);
export type TaskState = z.infer<typeof TaskState>;

/** Task priorities, most urgent first. Clinics may mark a study urgent. */
export const PRIORITIES = ['stat', 'urgent', 'routine'] as const;
export const Priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof Priority>;

/** Why a task went where it went; recorded with every routing decision. */
export const ROUTING_DECISIONS = [
  'home_open',
  'follow_the_sun',
  'wait_for_opening',
  'pinned',
  'rerouted',
  /** A reader took a waiting task before its centre opened ("Read now"), with a reason. */
  'read_now',
  /** A CAD score at or past its calibrated triage threshold raised the read's priority. */
  'cad_triage',
] as const;
export const RoutingDecision = z.enum(ROUTING_DECISIONS);
export type RoutingDecision = z.infer<typeof RoutingDecision>;

const SlaMinutes = z
  .number()
  .int()
  .min(1)
  .max(7 * 24 * 60);

/**
 * SLA targets in minutes from the moment a task is queued. The strictest target that applies
 * wins: the task's priority, its clinic and each of the clinic's programmes are all looked up,
 * and the smallest value found is the target; `default` applies when none is found. Out of the
 * box STAT is 15 and urgent 30; routine has no entry, so it takes `default` (60, DOMAIN.md §1).
 */
export const SlaTargets = z
  .object({
    default: SlaMinutes.default(60),
    byPriority: z
      .object({ stat: SlaMinutes, urgent: SlaMinutes, routine: SlaMinutes })
      .partial()
      .strict()
      .default({ stat: 15, urgent: 30 }),
    byClinic: z.record(Id, SlaMinutes).default({}),
    byProgramme: z.partialRecord(Programme, SlaMinutes).default({}),
  })
  .strict();
export type SlaTargets = z.infer<typeof SlaTargets>;

/** Centre-close behaviour of the routing rules. */
export const ON_CENTRE_CLOSE = ['reroute', 'flag'] as const;
export const OnCentreClose = z.enum(ON_CENTRE_CLOSE);
export type OnCentreClose = z.infer<typeof OnCentreClose>;

/** The flag a task carries while it sits at a closed centre. */
export const CENTRE_CLOSED_FLAG = 'centre_closed';

/**
 * Routing rules as data (DESIGN.md §4 "Config as data"), stored in the `worklist.routing`
 * setting. Precedence: a clinic's pinned centre, then a priority override, then the clinic's home
 * centre when open, then another open centre (follow the sun), then the earliest opening. A pin or
 * an override names a centre outright: when it is closed the task waits for its opening.
 */
export const RoutingRules = z
  .object({
    /** Clinic id → the centre that reads all of its studies. */
    pinnedCentreByClinic: z.record(Id, Id).default({}),
    /** A priority that always goes to one centre (e.g. STAT to a 24/7 centre). */
    priorityOverrides: z
      .array(z.object({ priority: Priority, centreId: Id }).strict())
      .max(PRIORITIES.length)
      .refine((a) => new Set(a.map((o) => o.priority)).size === a.length, {
        message: 'one override per priority',
      })
      .default([]),
    slaMinutes: SlaTargets.default({
      default: 60,
      byPriority: { stat: 15, urgent: 30 },
      byClinic: {},
      byProgramme: {},
    }),
    /**
     * What the sweep does with queued, unclaimed tasks at a centre that has closed: move them to
     * an open centre (`reroute`), or leave them and flag them `centre_closed` (`flag`). With no
     * centre open, `reroute` flags too.
     */
    onCentreClose: OnCentreClose.default('reroute'),
    /** Minutes before the due time at which assistants and supervisors are alerted. */
    escalationLeadMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(10),
    /**
     * CAD triage (docs/adr/0027): a score at or past its product version's calibrated triage
     * threshold raises a routine read to `raiseTo`. An administrator turns it off here; an
     * uncalibrated score never raises anything.
     */
    cadTriage: z
      .object({ enabled: z.boolean().default(true), raiseTo: Priority.default('urgent') })
      .strict()
      .default({ enabled: true, raiseTo: 'urgent' }),
  })
  .strict();
export type RoutingRules = z.infer<typeof RoutingRules>;
export type RoutingRulesInput = z.input<typeof RoutingRules>;

/** The rules a fresh install routes by: no pins, no overrides, SLA defaults as above. */
export const DEFAULT_ROUTING_RULES: RoutingRules = RoutingRules.parse({});
