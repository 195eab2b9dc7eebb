import { z } from 'zod';
import { Id, IsoDate, text } from './common';
import { ClinicStatus } from './org';

/**
 * Onboarding of a new clinic as data: the checklist every clinic goes through from creation to
 * live, in four phases. The server creates each clinic's steps from this list, checks what the
 * system can see for itself (an AE title, a received study, a delivered report), and lets the
 * clinic move on (onboarding → pilot → live) only when the steps of the phases before are done.
 */
export const ONBOARDING_PHASES = ['preparation', 'training', 'pilot', 'golive'] as const;
export const OnboardingPhase = z.enum(ONBOARDING_PHASES);
export type OnboardingPhase = z.infer<typeof OnboardingPhase>;

/** What support calls each phase. */
export const ONBOARDING_PHASE_TITLES: Record<OnboardingPhase, string> = {
  preparation: 'Technical preparation',
  training: 'Training of local users',
  pilot: 'Pilot with second reads',
  golive: 'Go-live',
};

/**
 * What the system can check itself for a step: `ae` (the clinic has a calling AE title),
 * `gateway` (a gateway of the clinic, not revoked, enrolled and sending heartbeats),
 * `study` (a study from the clinic reached the archive), `roundTrip` (a report on one of its
 * studies was released and delivered back), `training` (at least one training record),
 * `pilot` (the pilot exit criteria are met). Null: only a person can tell.
 */
export const ONBOARDING_EVIDENCE = [
  'ae',
  'gateway',
  'study',
  'roundTrip',
  'training',
  'pilot',
] as const;
export const OnboardingEvidenceKind = z.enum(ONBOARDING_EVIDENCE);
export type OnboardingEvidenceKind = z.infer<typeof OnboardingEvidenceKind>;

/** One step of the checklist, as data. */
export interface OnboardingStepDefinition {
  key: string;
  phase: OnboardingPhase;
  title: string;
  /** What "done" means, in the words of the person ticking it. */
  done: string;
  /** What the system checks itself; when found, the step counts as done without a tick. */
  evidence: OnboardingEvidenceKind | null;
}

/** The checklist, in the order it is worked through. */
export const ONBOARDING_STEPS: readonly OnboardingStepDefinition[] = [
  {
    key: 'network-test',
    phase: 'preparation',
    title: 'Network test',
    done: 'The clinic reached the centre over its link (DICOM echo or upload test) at a usable speed.',
    evidence: null,
  },
  {
    key: 'ae-registration',
    phase: 'preparation',
    title: 'AE title registered',
    done: 'The clinic’s PACS or modality AE title and its network are entered on the clinic.',
    evidence: 'ae',
  },
  {
    key: 'gateway-enrolment',
    phase: 'preparation',
    title: 'Gateway enrolled',
    done: 'The clinic gateway is installed, enrolled with its token and reporting health.',
    evidence: 'gateway',
  },
  {
    key: 'test-image',
    phase: 'preparation',
    title: 'Test image received',
    done: 'A test study sent by the clinic arrived in the centre’s archive.',
    evidence: 'study',
  },
  {
    key: 'round-trip',
    phase: 'preparation',
    title: 'Report delivered back',
    done: 'A report on a test study went back to the clinic and the clinic confirmed it.',
    evidence: 'roundTrip',
  },
  {
    key: 'user-training',
    phase: 'training',
    title: 'Local users trained',
    done: 'Each clinic user who sends images or reads reports was trained, and it is recorded.',
    evidence: 'training',
  },
  {
    key: 'pilot-reads',
    phase: 'pilot',
    title: 'Pilot reports second-read',
    done: 'Enough pilot reports were second-read with no major discrepancy (see the criteria).',
    evidence: 'pilot',
  },
  {
    key: 'golive-signoff',
    phase: 'golive',
    title: 'Go-live sign-off',
    done: 'The named person responsible signs off that the clinic may go live.',
    evidence: null,
  },
];

/** Step keys, for validation. */
export const ONBOARDING_STEP_KEYS = ONBOARDING_STEPS.map((s) => s.key) as [string, ...string[]];
export const OnboardingStepKey = z.enum(ONBOARDING_STEP_KEYS);

/** The go-live sign-off step: its ticker is the named person who signed off. */
export const GOLIVE_SIGNOFF_STEP = 'golive-signoff';

/**
 * The pilot's exit criteria: at least `minSecondReads` pilot reports second-read and scored,
 * with at most `maxMajorDiscrepancies` major ones (RADPEER 2b, 3a or 3b, DOMAIN.md §5: those that
 * open a discrepancy case). Every report released while the clinic is in pilot gets a second read.
 */
export const PILOT_EXIT_CRITERIA = { minSecondReads: 3, maxMajorDiscrepancies: 0 } as const;

/** RADPEER scores that count as a major discrepancy in a pilot. */
export const PILOT_MAJOR_SCORES: readonly string[] = ['2b', '3a', '3b'];

export const ONBOARDING_STEP_STATUSES = ['todo', 'done', 'not_applicable'] as const;
export const OnboardingStepStatus = z.enum(ONBOARDING_STEP_STATUSES);
export type OnboardingStepStatus = z.infer<typeof OnboardingStepStatus>;

/** Someone named on a step: its owner or who ticked it. */
export const OnboardingPerson = z.object({ id: Id, name: z.string() });
export type OnboardingPerson = z.infer<typeof OnboardingPerson>;

/** One step of one clinic, as the checklist shows it. */
export const OnboardingStep = z.object({
  key: z.string(),
  phase: OnboardingPhase,
  title: z.string(),
  done: z.string(),
  status: OnboardingStepStatus,
  /** What the system found itself (null: nothing found, or a manual step). */
  evidence: z.string().nullable(),
  /** Done by a tick or by the evidence found. */
  complete: z.boolean(),
  owner: OnboardingPerson.nullable(),
  dueOn: IsoDate.nullable(),
  doneOn: IsoDate.nullable(),
  note: z.string(),
  tickedBy: OnboardingPerson.nullable(),
  tickedAt: z.string().nullable(),
});
export type OnboardingStep = z.infer<typeof OnboardingStep>;

/** What a user was trained on. */
export const TRAINING_TOPICS = ['uploading', 'reading_reports', 'messaging', 'retakes'] as const;
export const TrainingTopic = z.enum(TRAINING_TOPICS);
export type TrainingTopic = z.infer<typeof TrainingTopic>;

/** Words for each topic. */
export const TRAINING_TOPIC_LABELS: Record<TrainingTopic, string> = {
  uploading: 'Sending and uploading images',
  reading_reports: 'Reading and downloading reports',
  messaging: 'Messaging the centre',
  retakes: 'Answering retake requests',
};

/** A training record: who at the clinic was trained, on what, by whom and when. */
export const TrainingRecord = z.object({
  id: Id,
  trainee: z.string(),
  traineeUserId: Id.nullable(),
  topics: z.array(TrainingTopic),
  trainedOn: IsoDate,
  trainer: OnboardingPerson,
  note: z.string(),
});
export type TrainingRecord = z.infer<typeof TrainingRecord>;

/** Body of a new training record: a clinic user, or a named person without an account yet. */
export const TrainingRecordInput = z
  .object({
    traineeUserId: Id.nullable().default(null),
    trainee: text(120),
    topics: z.array(TrainingTopic).min(1).max(TRAINING_TOPICS.length),
    trainedOn: IsoDate,
    note: z.string().trim().max(2000).default(''),
  })
  .strict();
export type TrainingRecordInput = z.infer<typeof TrainingRecordInput>;

/** Body of a step change: any of status, owner, due date, note. */
export const OnboardingStepUpdate = z
  .object({
    key: OnboardingStepKey,
    status: OnboardingStepStatus.optional(),
    ownerId: Id.nullable().optional(),
    dueOn: IsoDate.nullable().optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();
export type OnboardingStepUpdate = z.infer<typeof OnboardingStepUpdate>;

/** Where the pilot stands against its exit criteria. */
export const PilotProgress = z.object({
  reports: z.number().int(),
  secondReads: z.number().int(),
  majorDiscrepancies: z.number().int(),
  minSecondReads: z.number().int(),
  maxMajorDiscrepancies: z.number().int(),
  met: z.boolean(),
});
export type PilotProgress = z.infer<typeof PilotProgress>;

/** Where a clinic can be moved by the workflow (suspension is the clinic form's). */
export const OnboardingTarget = z.enum(['onboarding', 'pilot', 'live']);
export type OnboardingTarget = z.infer<typeof OnboardingTarget>;

/** A move the clinic may be asked to make, and what stands in its way. */
export const OnboardingMove = z.object({
  to: OnboardingTarget,
  allowed: z.boolean(),
  /** The steps (or criteria) still missing, in words. */
  missing: z.array(z.string()),
});
export type OnboardingMove = z.infer<typeof OnboardingMove>;

/** One clinic's checklist. */
export const OnboardingChecklist = z.object({
  clinicId: Id,
  clinicCode: z.string(),
  clinicName: z.string(),
  status: ClinicStatus,
  steps: z.array(OnboardingStep),
  training: z.array(TrainingRecord),
  pilot: PilotProgress,
  moves: z.array(OnboardingMove),
  /** Whether the caller may change it (support and admin); clinic users read their progress. */
  editable: z.boolean(),
  /**
   * For the caller who may change it: who may own a step (active support and admin staff) and
   * the clinic's own users (to record their training). Empty for a read-only caller.
   */
  owners: z.array(OnboardingPerson),
  clinicUsers: z.array(OnboardingPerson),
});
export type OnboardingChecklist = z.infer<typeof OnboardingChecklist>;

/** A clinic move: forward needs its steps done; a step back needs a reason. */
export const OnboardingTransitionInput = z
  .object({
    to: OnboardingTarget,
    reason: z.string().trim().max(2000).default(''),
  })
  .strict();
export type OnboardingTransitionInput = z.infer<typeof OnboardingTransitionInput>;

/** One clinic in the onboarding list. */
export const OnboardingSummary = z.object({
  clinicId: Id,
  clinicCode: z.string(),
  clinicName: z.string(),
  status: ClinicStatus,
  /** The first phase with a step still open (null: every step done). */
  phase: OnboardingPhase.nullable(),
  complete: z.number().int(),
  total: z.number().int(),
  /** The earliest due date among open steps. */
  nextDueOn: IsoDate.nullable(),
  overdue: z.boolean(),
});
export type OnboardingSummary = z.infer<typeof OnboardingSummary>;

export const OnboardingList = z.object({ items: z.array(OnboardingSummary) });
export type OnboardingList = z.infer<typeof OnboardingList>;
