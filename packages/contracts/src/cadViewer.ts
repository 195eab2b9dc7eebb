import { z } from 'zod';
import { CadBand, CadLabel } from './cad';
import { Programme } from './org';

/**
 * The viewer's blind-first step (docs/adr/0043): a reader records a first impression before
 * seeing a CAD score or heatmap, so the score checks the read instead of leading it (automation
 * bias). A programme may show CAD from the start instead. Both the preliminary and the final
 * choice are kept for QA.
 */

/** When readers of a programme's studies see CAD: after their first impression, or at once. */
export const CAD_VISIBILITIES = ['blind_first', 'from_start'] as const;
/** A programme's CAD visibility. */
export const CadVisibility = z.enum(CAD_VISIBILITIES);
/** A programme's CAD visibility. */
export type CadVisibility = z.infer<typeof CadVisibility>;
/** What a programme without a setting does: blind first. */
export const DEFAULT_CAD_VISIBILITY: CadVisibility = 'blind_first';

/** What QA or an administrator sets for a programme (`PUT /api/cad/visibility`). */
export const CadVisibilitySet = z
  .object({ programme: Programme, visibility: CadVisibility })
  .strict();
/** What QA or an administrator sets for a programme. */
export type CadVisibilitySet = z.infer<typeof CadVisibilitySet>;

/** One programme's visibility, set or by default. */
export const CadVisibilityEntry = z.object({
  programme: Programme,
  visibility: CadVisibility,
  /** False: the default, never set. */
  set: z.boolean(),
  setByName: z.string().nullable(),
  setAt: z.string().nullable(),
});
/** One programme's visibility, set or by default. */
export type CadVisibilityEntry = z.infer<typeof CadVisibilityEntry>;

/** Every programme's visibility. */
export const CadVisibilityList = z.object({ programmes: z.array(CadVisibilityEntry) });
/** Every programme's visibility. */
export type CadVisibilityList = z.infer<typeof CadVisibilityList>;

/** A reader's normal/abnormal choice. */
export const ReaderChoice = z.enum(['normal', 'abnormal']);
/** A reader's normal/abnormal choice. */
export type ReaderChoice = z.infer<typeof ReaderChoice>;

/** The preliminary choice a reader posts for the read they hold. */
export const CadPreliminaryPost = z.object({ choice: ReaderChoice }).strict();
/** The preliminary choice a reader posts. */
export type CadPreliminaryPost = z.infer<typeof CadPreliminaryPost>;

/** What CAD said (or would have said) at a moment: `result: null` when there was none yet. */
export const CadStateAt = z.object({
  resultId: z.string().nullable(),
  score: z.number().nullable(),
  band: CadBand.nullable(),
});
/** What CAD said at a moment. */
export type CadStateAt = z.infer<typeof CadStateAt>;

/** A recorded preliminary choice. */
export const CadPreliminary = z.object({
  choice: ReaderChoice,
  readerId: z.string(),
  recordedAt: z.string(),
  visibility: CadVisibility,
  /** The CAD state when it was chosen (`score: null`: no result yet). */
  cad: CadStateAt,
});
/** A recorded preliminary choice. */
export type CadPreliminary = z.infer<typeof CadPreliminary>;

/** The CAD the viewer may show for a read once it is not blind. */
export const CadShown = z.object({
  resultId: z.string(),
  product: z.string(),
  version: z.string(),
  score: z.number(),
  band: CadBand,
  labels: z.array(CadLabel),
  /** The heatmap's object; `heatmapUrl` renders it when it has arrived. */
  heatmapSopInstanceUid: z.string().nullable(),
  heatmapUrl: z.string().nullable(),
  /** Image size the labels' boxes and points refer to (the scored image), when known. */
  imageSize: z.object({ columns: z.number(), rows: z.number() }).nullable(),
  receivedAt: z.string(),
});
/** The CAD the viewer may show for a read. */
export type CadShown = z.infer<typeof CadShown>;

/**
 * `GET /api/tasks/:id/cad`: `blind` carries nothing of the result (not even whether one
 * exists); `shown` carries the latest scored result, or null when CAD has none.
 */
export const CadViewerAnswer = z.discriminatedUnion('state', [
  z.object({ state: z.literal('blind'), visibility: z.literal('blind_first') }),
  z.object({
    state: z.literal('shown'),
    visibility: CadVisibility,
    preliminary: CadPreliminary.nullable(),
    result: CadShown.nullable(),
  }),
]);
/** The viewer's CAD answer for a read. */
export type CadViewerAnswer = z.infer<typeof CadViewerAnswer>;

/** One read's preliminary and final choices beside the CAD state at each, for QA. */
export const CadReaderChoice = z.object({
  taskId: z.string(),
  studyUid: z.string(),
  clinicId: z.string(),
  programme: Programme,
  readerId: z.string(),
  readerName: z.string().nullable(),
  preliminary: CadPreliminary,
  /** The signed report's result as normal/abnormal (null: not signed yet). */
  final: z.object({ choice: ReaderChoice, signedAt: z.string(), cad: CadStateAt }).nullable(),
});
/** One read's choices for QA. */
export type CadReaderChoice = z.infer<typeof CadReaderChoice>;

/** `GET /api/cad/reader-choices` query: a period (by preliminary time), at most 1000 rows. */
export const CadReaderChoiceQuery = z
  .object({
    from: z.string().datetime().optional(),
    to: z.string().datetime().optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .strict();
/** The reader-choices query. */
export type CadReaderChoiceQuery = z.infer<typeof CadReaderChoiceQuery>;

/** `GET /api/cad/reader-choices` answer. */
export const CadReaderChoiceList = z.object({ reads: z.array(CadReaderChoice) });
/** The reader-choices answer. */
export type CadReaderChoiceList = z.infer<typeof CadReaderChoiceList>;
