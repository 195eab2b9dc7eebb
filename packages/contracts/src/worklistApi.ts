import { z } from 'zod';
import { QueryFlag } from './common';
import { ReadingStatus } from './readingStatus';
import { CadBand } from './cad';
import { Priority, TaskState, TaskType } from './worklist';

/** A reading task as the worklist shows it: the task, its study and the clock. */
export const WorklistTask = z.object({
  id: z.uuid(),
  type: TaskType,
  state: TaskState,
  /** Where it stands as people see it: `state`, or `held_for_consultation` (derived by the server). */
  status: ReadingStatus,
  priority: Priority,
  /** Why the priority was last changed (the clinic's words when it marked the study urgent). */
  priorityReason: z.string().nullable(),
  studyUid: z.string(),
  clinicId: z.uuid(),
  clinicCode: z.string(),
  clinicName: z.string(),
  country: z.string(),
  /** The programme chosen for the study (by the clinic, or its order), else all its clinic's. */
  programmes: z.array(z.string()),
  patientName: z.string().nullable(),
  patientId: z.string(),
  patientSex: z.string().nullable(),
  patientBirthDate: z.string().nullable(),
  studyDate: z.string().nullable(),
  numImages: z.number(),
  modalities: z.array(z.string()),
  arrivedAt: z.string(),
  queuedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  centreId: z.uuid().nullable(),
  centreName: z.string().nullable(),
  /** The centre's IANA time zone, to show a waiting task's opening in the centre's time. */
  centreTimeZone: z.string().nullable(),
  /**
   * The SLA target in minutes: the clock starts at `queuedAt` (for a waiting task, when its
   * centre opens) and runs on the wall clock to `dueAt`; time spent waiting does not count.
   */
  slaMinutes: z.number().nullable(),
  assigneeId: z.uuid().nullable(),
  assigneeName: z.string().nullable(),
  claimedAt: z.string().nullable(),
  /** When the claim lapses without a heartbeat. */
  claimExpiresAt: z.string().nullable(),
  routingReason: z.string().nullable(),
  flags: z.array(z.string()),
  completedAt: z.string().nullable(),
  /** Raw turnaround, queued to completed, in minutes (completed tasks only). */
  turnaroundMinutes: z.number().nullable(),
  /** Turnaround counting only the centre's service hours, in minutes. */
  serviceTurnaroundMinutes: z.number().nullable(),
  /**
   * The study's latest CAD score (on its product's own scale), its band under the thresholds in
   * force and the product version that gave it; null without a scored result.
   */
  cad: z
    .object({ score: z.number(), band: CadBand, product: z.string(), version: z.string() })
    .nullable(),
});
export type WorklistTask = z.infer<typeof WorklistTask>;

/** Sort keys of the worklist. */
export const WORKLIST_SORTS = ['due', 'arrived', 'priority', 'patient', 'clinic', 'cad'] as const;

/** Query of `GET /api/worklist`. */
export const WorklistQuery = z
  .object({
    state: z.enum(['open', 'waiting', 'queued', 'in_progress', 'completed', 'all']).default('open'),
    priority: Priority.optional(),
    clinicId: z.uuid().optional(),
    centreId: z.uuid().optional(),
    mine: QueryFlag.optional(),
    overdue: QueryFlag.optional(),
    /** Only tasks completed at or after this instant (e.g. local midnight: "completed today"). */
    completedSince: z.iso.datetime({ offset: true }).optional(),
    q: z.string().trim().max(64).optional(),
    sort: z.enum(WORKLIST_SORTS).default('due'),
    limit: z.coerce.number().int().min(1).max(500).default(200),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .strict();
export type WorklistQuery = z.infer<typeof WorklistQuery>;

/** Counts per state for the worklist header (within the caller's scope and filters). */
export const WorklistCounts = z.object({
  waiting: z.number(),
  queued: z.number(),
  /** Being read: in progress and not held for consultation. */
  inProgress: z.number(),
  overdue: z.number(),
});

/** Answer of `GET /api/worklist`. */
export const WorklistPage = z.object({
  tasks: z.array(WorklistTask),
  counts: WorklistCounts,
  hasMore: z.boolean(),
  /** Server time, so clients compute SLA countdowns without trusting their own clock. */
  serverTime: z.string(),
});
export type WorklistPage = z.infer<typeof WorklistPage>;

/** Body of `POST /api/tasks/:id/reassign`. */
export const ReassignBody = z.object({ assigneeId: z.uuid().nullable() }).strict();

/** Body of `POST /api/tasks/:id/read-now`: why the reader takes a waiting task early. */
export const ReadNowBody = z
  .object({ reason: z.string().trim().min(3, 'Say why this study is read now').max(500) })
  .strict();
export type ReadNowBody = z.infer<typeof ReadNowBody>;

/**
 * Body of `PATCH /api/tasks/:id` (clinics may raise a routine task to urgent). The reason is
 * kept on the task and shown to its reader, so an urgent study says why it is urgent; a clinic
 * must give one (the server refuses its change without), centre staff may.
 */
export const TaskPatch = z
  .object({
    priority: Priority,
    reason: z.string().trim().min(3, 'Say why the priority changes').max(500).optional(),
  })
  .strict();
export type TaskPatch = z.infer<typeof TaskPatch>;

/** Body of `PUT /api/me/shift`, and the answer of `GET /api/me/shift`. */
export const ShiftBody = z.object({ onShift: z.boolean() }).strict();

/** Real-time events pushed on the `/api/realtime` WebSocket, one JSON object per message. */
export const TASK_EVENT_TYPES = [
  'task.created',
  'task.claimed',
  'task.released',
  'task.completed',
  'task.rerouted',
  'task.assigned',
  'task.updated',
] as const;
export const TaskEvent = z.object({
  type: z.enum(TASK_EVENT_TYPES),
  task: WorklistTask,
  at: z.string(),
});
export type TaskEvent = z.infer<typeof TaskEvent>;
