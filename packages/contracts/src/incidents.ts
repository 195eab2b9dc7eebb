import { z } from 'zod';
import { QueryFlag } from './common';

/**
 * Incident management as data: the types, severities and states an incident may take, and the
 * one state machine (open → investigating → resolved → closed; a resolved incident may be
 * investigated again). The server refuses any other move; the web app offers only these.
 */
export const INCIDENT_TYPES = [
  'system_outage',
  'transmission_failure',
  'image_quality',
  'reporting_error',
  'communication_delay',
  'data_protection',
  'other',
] as const;
export const IncidentType = z.enum(INCIDENT_TYPES);
export type IncidentType = z.infer<typeof IncidentType>;

export const INCIDENT_TYPE_LABELS: Record<IncidentType, string> = {
  system_outage: 'System outage',
  transmission_failure: 'Transmission failure',
  image_quality: 'Image quality',
  reporting_error: 'Reporting error',
  communication_delay: 'Communication delay',
  data_protection: 'Data protection',
  other: 'Other',
};

export const INCIDENT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const IncidentSeverity = z.enum(INCIDENT_SEVERITIES);
export type IncidentSeverity = z.infer<typeof IncidentSeverity>;

export const INCIDENT_SEVERITY_LABELS: Record<IncidentSeverity, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

export const INCIDENT_STATES = ['open', 'investigating', 'resolved', 'closed'] as const;
export const IncidentState = z.enum(INCIDENT_STATES);
export type IncidentState = z.infer<typeof IncidentState>;
/** The states of an incident still being worked on ("open incidents" on a clinic's page). */
export const OPEN_INCIDENT_STATES: readonly IncidentState[] = ['open', 'investigating'];

export const INCIDENT_STATE_LABELS: Record<IncidentState, string> = {
  open: 'Open',
  investigating: 'Investigating',
  resolved: 'Resolved',
  closed: 'Closed',
};

/** The moves allowed from each state: the one state machine. */
export const INCIDENT_TRANSITIONS: Record<IncidentState, readonly IncidentState[]> = {
  open: ['investigating'],
  investigating: ['resolved'],
  resolved: ['investigating', 'closed'],
  closed: [],
};

/** May an incident in `from` move to `to`? */
export function incidentCanMove(from: IncidentState, to: IncidentState): boolean {
  return INCIDENT_TRANSITIONS[from].includes(to);
}

export const INCIDENT_ACTION_KINDS = ['corrective', 'preventive'] as const;
export const IncidentActionKind = z.enum(INCIDENT_ACTION_KINDS);
export type IncidentActionKind = z.infer<typeof IncidentActionKind>;

const Text = (max: number) => z.string().trim().min(1).max(max);

/** `POST /api/incidents`: anyone on staff reports one, from anywhere (a study page links it). */
export const NewIncidentBody = z
  .object({
    type: IncidentType,
    severity: IncidentSeverity,
    title: Text(200),
    description: z.string().trim().max(5000).default(''),
    /** Studies it is about (Study Instance UIDs); each links its clinic too. */
    studyUids: z.array(z.string().min(1).max(64)).max(50).default([]),
    /** Clinics it is about without a particular study. */
    clinicIds: z.array(z.uuid()).max(50).default([]),
  })
  .strict();
export type NewIncidentBody = z.input<typeof NewIncidentBody>;

/** `PATCH /api/incidents/:id`: the investigator's fields. */
export const IncidentUpdateBody = z
  .object({
    severity: IncidentSeverity.optional(),
    ownerId: z.uuid().nullable().optional(),
    rootCause: z.string().trim().min(1).max(5000).optional(),
  })
  .strict();
export type IncidentUpdateBody = z.input<typeof IncidentUpdateBody>;

/** `POST /api/incidents/:id/transition`: resolving needs a root cause, closing a lesson. */
export const IncidentTransitionBody = z
  .object({
    to: IncidentState,
    note: z.string().trim().max(2000).default(''),
    rootCause: z.string().trim().min(1).max(5000).optional(),
    lesson: z
      .object({ title: Text(200), body: Text(10000) })
      .strict()
      .optional(),
  })
  .strict();
export type IncidentTransitionBody = z.input<typeof IncidentTransitionBody>;

export const IncidentCommentBody = z.object({ body: Text(5000) }).strict();
export type IncidentCommentBody = z.input<typeof IncidentCommentBody>;

export const IncidentActionBody = z
  .object({
    kind: IncidentActionKind,
    description: Text(2000),
    ownerId: z.uuid(),
    dueOn: z.iso.date(),
  })
  .strict();
export type IncidentActionBody = z.input<typeof IncidentActionBody>;

/** `POST /api/incidents/:id/actions/done`: one of its actions is done. */
export const IncidentActionDoneBody = z.object({ actionId: z.uuid() }).strict();

export const IncidentLink = z.object({
  clinicId: z.uuid(),
  clinicName: z.string(),
  studyUid: z.string().nullable(),
  /** The patient's name, for staff; null for a clinic-only link. */
  patientName: z.string().nullable(),
});

export const IncidentEvent = z.object({
  id: z.string(),
  at: z.string(),
  actorName: z.string(),
  /** reported, comment, state, owner, severity, root_cause, action, action_done, lesson. */
  kind: z.string(),
  body: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type IncidentEvent = z.infer<typeof IncidentEvent>;

export const IncidentAction = z.object({
  id: z.uuid(),
  kind: IncidentActionKind,
  description: z.string(),
  ownerId: z.uuid(),
  ownerName: z.string(),
  dueOn: z.string(),
  doneAt: z.string().nullable(),
});
export type IncidentAction = z.infer<typeof IncidentAction>;

export const IncidentSummary = z.object({
  id: z.uuid(),
  ref: z.string(),
  type: IncidentType,
  severity: IncidentSeverity,
  state: IncidentState,
  title: z.string(),
  ownerName: z.string().nullable(),
  reportedBy: z.string(),
  reportedAt: z.string(),
  clinicNames: z.array(z.string()),
  /** The clinics it names, by name, so a list can link to each clinic's page. */
  clinics: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type IncidentSummary = z.infer<typeof IncidentSummary>;

export const Incident = IncidentSummary.extend({
  description: z.string(),
  ownerId: z.uuid().nullable(),
  rootCause: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  links: z.array(IncidentLink),
  timeline: z.array(IncidentEvent),
  actions: z.array(IncidentAction),
  lesson: z.object({ title: z.string(), body: z.string() }).nullable(),
});
export type Incident = z.infer<typeof Incident>;

export const IncidentAnswer = z.object({ incident: Incident });
export type IncidentAnswer = z.infer<typeof IncidentAnswer>;

/** `GET /api/incidents?state=&studyUid=&clinicId=&open=`. */
export const IncidentListQuery = z.object({
  state: IncidentState.optional(),
  studyUid: z.string().min(1).max(64).optional(),
  /** Only incidents that name this clinic. */
  clinicId: z.uuid().optional(),
  /** Only incidents still open or under investigation. */
  open: QueryFlag.optional(),
});
export const IncidentListAnswer = z.object({ incidents: z.array(IncidentSummary) });
export type IncidentListAnswer = z.infer<typeof IncidentListAnswer>;

/** `GET /api/lessons?q=`: the knowledge base, best match first (newest first with no words). */
export const LessonSearchQuery = z.object({ q: z.string().trim().max(200).default('') });
export const Lesson = z.object({
  id: z.uuid(),
  incidentId: z.uuid(),
  incidentRef: z.string(),
  incidentType: IncidentType,
  title: z.string(),
  body: z.string(),
  /** The matching words highlighted with «» around them; the body's start with no search. */
  excerpt: z.string(),
  publishedAt: z.string(),
});
export type Lesson = z.infer<typeof Lesson>;
export const LessonSearchAnswer = z.object({ lessons: z.array(Lesson) });
export type LessonSearchAnswer = z.infer<typeof LessonSearchAnswer>;

/** Staff a QA officer may name as an owner (of an incident or an action). */
export const IncidentOwnerChoices = z.object({
  people: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type IncidentOwnerChoices = z.infer<typeof IncidentOwnerChoices>;
