import { z } from 'zod';
import { Id, text, QueryFlag } from './common';
import { ReportRecord } from './reportsApi';
import { WorklistTask } from './worklistApi';

/**
 * RADPEER 2016 (ACR; DOMAIN.md §5): 1 concur; 2 a discrepancy not ordinarily expected to be made
 * (an understandable miss); 3 a discrepancy that should be made most of the time. Each
 * discrepancy is also a (unlikely to be clinically significant) or b (likely to be).
 */
export const RADPEER_SCORES = ['1', '2a', '2b', '3a', '3b'] as const;
export const RadpeerScore = z.enum(RADPEER_SCORES);
export type RadpeerScore = z.infer<typeof RadpeerScore>;

/** What each score means, in the reviewer's words (the scoring panel and the score lists). */
export const RADPEER_LABELS: Record<RadpeerScore, string> = {
  '1': 'Concur with the interpretation',
  '2a': 'Discrepancy, not ordinarily expected to be made — unlikely to be clinically significant',
  '2b': 'Discrepancy, not ordinarily expected to be made — likely to be clinically significant',
  '3a': 'Discrepancy that should be made most of the time — unlikely to be clinically significant',
  '3b': 'Discrepancy that should be made most of the time — likely to be clinically significant',
};

/** Score 3, or any "b", opens a discrepancy case for a consultant. */
export function opensDiscrepancy(score: RadpeerScore): boolean {
  return score.startsWith('3') || score.endsWith('b');
}

/**
 * A peer-review programme's rule, as data. A finalised read is chosen when it falls in the random
 * sample (`samplePercent` of each reader's reads) or matches any target: an abnormal read, a read
 * that went to a consultant, or one of the chosen readers. `blind`: the reviewer records their
 * own impression before the original report is shown.
 */
export const PeerReviewRule = z
  .object({
    samplePercent: z.number().min(0).max(100),
    /**
     * The sampling rate of CAD–reader discordant reads (docs/adr/0044): such a read is drawn
     * at this rate, or at `samplePercent` when that is higher. 0: no oversampling.
     */
    discordantPercent: z.number().min(0).max(100).default(0),
    targets: z
      .object({
        abnormal: z.boolean().default(false),
        consultation: z.boolean().default(false),
        readerIds: z.array(Id).max(200).default([]),
      })
      .strict(),
    blind: z.boolean().default(false),
  })
  .strict();
export type PeerReviewRule = z.infer<typeof PeerReviewRule>;

/** Body of creating or changing a programme. */
export const PeerReviewProgrammeInput = z
  .object({ name: text(120), active: z.boolean(), rule: PeerReviewRule })
  .strict();
export type PeerReviewProgrammeInput = z.infer<typeof PeerReviewProgrammeInput>;

/** A programme as the QA page shows it, with how many reviews it has drawn. */
export const PeerReviewProgramme = PeerReviewProgrammeInput.extend({
  id: Id,
  updatedAt: z.string(),
  reviews: z.number().int(),
  scored: z.number().int(),
});
export type PeerReviewProgramme = z.infer<typeof PeerReviewProgramme>;

export const PeerReviewProgrammeList = z.object({ items: z.array(PeerReviewProgramme) });
export type PeerReviewProgrammeList = z.infer<typeof PeerReviewProgrammeList>;

/** The readers a programme may target (`GET /api/peer-review/readers`): names only. */
export const PeerReviewReaders = z.object({
  items: z.array(z.object({ id: Id, name: z.string() })),
});
export type PeerReviewReaders = z.infer<typeof PeerReviewReaders>;

/**
 * The built-in programme (migration 0042) under which every report of a clinic in pilot is
 * second-read. Inactive, so ordinary sampling never draws on it; the pilot rule names it.
 */
export const PILOT_REVIEW_PROGRAMME_ID = '00000000-0000-4000-8000-000000000042';

/** Why a read was chosen for review. */
export const PEER_REVIEW_REASONS = [
  'random',
  'abnormal',
  'consultation',
  'reader',
  // Every report of a clinic in pilot (onboarding), whatever the programmes say.
  'pilot',
  // A read its study's calibrated CAD score disagreed with, drawn at the programme's
  // discordant rate (docs/adr/0044).
  'cad_discordant',
] as const;
export const PeerReviewReason = z.enum(PEER_REVIEW_REASONS);
export type PeerReviewReason = z.infer<typeof PeerReviewReason>;

/**
 * The reviewer's view of their peer-review task (`GET /api/tasks/:id/peer-review`). In a blind
 * review `original` is null until the reviewer has recorded their own impression; the reader's
 * name is never shown to the reviewer, so the score judges the read and not the person.
 */
export const PeerReviewTaskAnswer = z.object({
  id: Id,
  task: WorklistTask,
  programmeName: z.string(),
  blind: z.boolean(),
  reason: PeerReviewReason,
  ownRead: z.object({ impression: z.string(), abnormal: z.boolean(), at: z.string() }).nullable(),
  original: ReportRecord.nullable(),
  score: RadpeerScore.nullable(),
  comment: z.string().nullable(),
  scoredAt: z.string().nullable(),
});
export type PeerReviewTaskAnswer = z.infer<typeof PeerReviewTaskAnswer>;

/** Body of a blind reviewer's own read. */
export const BlindReadBody = z.object({ impression: text(4000), abnormal: z.boolean() }).strict();
export type BlindReadBody = z.infer<typeof BlindReadBody>;

/** Body of a score. A discrepancy needs a comment saying what was missed or misread. */
export const PeerScoreBody = z
  .object({ score: RadpeerScore, comment: z.string().trim().max(4000).default('') })
  .strict()
  .refine((b) => b.score === '1' || b.comment.length > 0, {
    message: 'Say what the discrepancy is: a comment is required for any score but 1.',
    path: ['comment'],
  });
export type PeerScoreBody = z.input<typeof PeerScoreBody>;

/** States of a discrepancy case. */
export const DiscrepancyState = z.enum(['open', 'closed']);
export type DiscrepancyState = z.infer<typeof DiscrepancyState>;

/**
 * One score as a list shows it. `readerName` and `reviewerName` are shown to QA only; a
 * radiologist's own list names neither (scores are confidential, the feedback is what matters).
 */
export const PeerScore = z.object({
  id: Id,
  reportId: Id,
  studyUid: z.string(),
  clinicName: z.string(),
  patientName: z.string().nullable(),
  programmeName: z.string(),
  reason: PeerReviewReason,
  blind: z.boolean(),
  score: RadpeerScore.nullable(),
  comment: z.string().nullable(),
  scoredAt: z.string().nullable(),
  createdAt: z.string(),
  readerName: z.string().nullable(),
  reviewerName: z.string().nullable(),
  discrepancy: z
    .object({
      id: Id,
      state: DiscrepancyState,
      feedback: z.string().nullable(),
      addendumVersion: z.number().int().nullable(),
    })
    .nullable(),
});
export type PeerScore = z.infer<typeof PeerScore>;

/**
 * Query of `GET /api/peer-reviews`: `mine` narrows to the caller's own reads (QA may see all).
 * Send it only when true: query values are coerced, and any present value reads as true (which
 * only ever narrows the list).
 */
export const PeerScoreQuery = z
  .object({
    mine: QueryFlag.default(false),
    scored: QueryFlag.default(true),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type PeerScoreQuery = z.infer<typeof PeerScoreQuery>;

export const PeerScoreList = z.object({
  items: z.array(PeerScore),
  /** Count of each score over the listed reads. */
  distribution: z.record(RadpeerScore, z.number().int()),
});
export type PeerScoreList = z.infer<typeof PeerScoreList>;

/** A discrepancy case as the consultant sees it. */
export const DiscrepancyCase = z.object({
  id: Id,
  state: DiscrepancyState,
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  score: RadpeerScore,
  comment: z.string().nullable(),
  reviewerName: z.string().nullable(),
  readerName: z.string().nullable(),
  reportId: Id,
  studyUid: z.string(),
  clinicName: z.string(),
  patientName: z.string().nullable(),
  patientId: z.string(),
  consultantName: z.string().nullable(),
  feedback: z.string().nullable(),
  addendumVersion: z.number().int().nullable(),
});
export type DiscrepancyCase = z.infer<typeof DiscrepancyCase>;

export const DiscrepancyQuery = z
  .object({ state: z.enum(['open', 'closed', 'all']).default('open') })
  .strict();
export type DiscrepancyQuery = z.infer<typeof DiscrepancyQuery>;

export const DiscrepancyList = z.object({ items: z.array(DiscrepancyCase) });
export type DiscrepancyList = z.infer<typeof DiscrepancyList>;

/** One discrepancy case with the report it is about. */
export const DiscrepancyAnswer = DiscrepancyCase.extend({
  report: ReportRecord,
  ownRead: z.object({ impression: z.string(), abnormal: z.boolean() }).nullable(),
});
export type DiscrepancyAnswer = z.infer<typeof DiscrepancyAnswer>;

/**
 * The consultant's settlement: feedback to the reader, always; and an addendum released to the
 * clinic when the original report must change.
 */
export const ResolveDiscrepancyBody = z
  .object({
    feedback: text(4000),
    addendum: z.string().trim().max(4000).optional(),
    mfaCode: z.string().trim().max(16).optional(),
  })
  .strict();
export type ResolveDiscrepancyBody = z.infer<typeof ResolveDiscrepancyBody>;
