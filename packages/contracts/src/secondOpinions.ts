import { z } from 'zod';
import { Id, text } from './common';
import { WorklistTask } from './worklistApi';

/**
 * Second opinions: a clinic, or staff of a centre, asks a consultant a question about a study.
 * The question is a task on the consultants' worklist with its own SLA clock; the answer is a
 * consult note, signed by the consultant and never changed once signed.
 */
export const SECOND_OPINION_STATES = ['open', 'answered', 'withdrawn'] as const;
export const SecondOpinionState = z.enum(SECOND_OPINION_STATES);
export type SecondOpinionState = z.infer<typeof SecondOpinionState>;

/** Who asked: one of the study's clinic users, or staff of a reading centre. */
export const SecondOpinionAskedBy = z.enum(['clinic', 'centre']);
export type SecondOpinionAskedBy = z.infer<typeof SecondOpinionAskedBy>;

const SlaMinutes = z
  .number()
  .int()
  .min(15)
  .max(14 * 24 * 60);

/**
 * How long a consultant has to answer, as data (the `secondOpinion.sla` setting): minutes from
 * the moment of asking, for a routine question and for one marked urgent.
 */
export const SecondOpinionSla = z
  .object({
    routineMinutes: SlaMinutes.default(24 * 60),
    urgentMinutes: SlaMinutes.default(4 * 60),
  })
  .strict();
export type SecondOpinionSla = z.infer<typeof SecondOpinionSla>;

/** The SLA a fresh install uses: a day for a routine question, four hours for an urgent one. */
export const DEFAULT_SECOND_OPINION_SLA: SecondOpinionSla = SecondOpinionSla.parse({});

/** The due time of a question asked at `askedAt` under `sla`. */
export function secondOpinionDueAt(sla: SecondOpinionSla, urgent: boolean, askedAt: Date): Date {
  const minutes = urgent ? sla.urgentMinutes : sla.routineMinutes;
  return new Date(askedAt.getTime() + minutes * 60_000);
}

/** Body of `POST /api/studies/:studyUid/second-opinions`. */
export const AskSecondOpinionBody = z
  .object({ question: text(4000), urgent: z.boolean().default(false) })
  .strict();
export type AskSecondOpinionBody = z.infer<typeof AskSecondOpinionBody>;

/** A signed correction of a consult note. */
export const ConsultNoteAddendum = z.object({
  text: z.string(),
  signedByName: z.string(),
  signedByCredentials: z.string().nullable(),
  signedAt: z.string(),
});
export type ConsultNoteAddendum = z.infer<typeof ConsultNoteAddendum>;

/** The consultant's signed answer, with any addenda, oldest first. */
export const ConsultNote = ConsultNoteAddendum.extend({ addenda: z.array(ConsultNoteAddendum) });
export type ConsultNote = z.infer<typeof ConsultNote>;

/** A second-opinion request as its study page shows it. */
export const SecondOpinion = z.object({
  id: Id,
  studyUid: z.string(),
  question: z.string(),
  urgent: z.boolean(),
  state: SecondOpinionState,
  askedBy: SecondOpinionAskedBy,
  requesterName: z.string(),
  /** Whether the caller asked it (and so may withdraw it while open). */
  mine: z.boolean(),
  askedAt: z.string(),
  dueAt: z.string(),
  answeredAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  note: ConsultNote.nullable(),
});
export type SecondOpinion = z.infer<typeof SecondOpinion>;

export const SecondOpinionList = z.object({ items: z.array(SecondOpinion) });
export type SecondOpinionList = z.infer<typeof SecondOpinionList>;

/** The consultant's view of a second-opinion task (`GET /api/tasks/:id/second-opinion`). */
export const SecondOpinionTaskAnswer = z.object({
  request: SecondOpinion,
  task: WorklistTask,
  clinicName: z.string(),
  patientName: z.string().nullable(),
  patientId: z.string(),
});
export type SecondOpinionTaskAnswer = z.infer<typeof SecondOpinionTaskAnswer>;

/** Body of `POST /api/tasks/:id/second-opinion/sign`: the note, and a code where signing asks one. */
export const SignConsultNoteBody = z
  .object({
    text: text(8000),
    mfaCode: z.string().trim().min(6).max(32).optional(),
  })
  .strict();
export type SignConsultNoteBody = z.infer<typeof SignConsultNoteBody>;

/** Body of `POST /api/second-opinions/:id/addenda`: a signed correction of the note. */
export const ConsultNoteAddendumBody = z
  .object({
    text: text(4000),
    mfaCode: z.string().trim().min(6).max(32).optional(),
  })
  .strict();
export type ConsultNoteAddendumBody = z.infer<typeof ConsultNoteAddendumBody>;
