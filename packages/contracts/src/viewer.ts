import { z } from 'zod';
import type { Programme } from './org';
import type { ReportState } from './reportsApi';

/**
 * The diagnostic viewer's data: measurement and annotation JSON (saved with the report), the
 * hanging protocols, window presets, and the priors list. Protocols and presets are data, not
 * code branches (DESIGN.md §4, OHIF hanging protocols).
 */

/** Tools whose marks become annotations. */
export const ANNOTATION_TOOLS = ['length', 'angle', 'ellipse', 'arrow'] as const;
export const AnnotationTool = z.enum(ANNOTATION_TOOLS);
export type AnnotationTool = z.infer<typeof AnnotationTool>;

/** A point in image pixel coordinates: column (x) and row (y), 0-based, sub-pixel allowed. */
export const ImagePoint = z.tuple([z.number(), z.number()]);
export type ImagePoint = z.infer<typeof ImagePoint>;

/**
 * One measurement or annotation on one frame of one instance, independent of the viewer library.
 * `points` are in image pixel coordinates: length 2 (start, end), angle 3 (arm, vertex, arm),
 * ellipse 4 (top, bottom, left, right of the bounding axes), arrow 2 (tip, tail).
 */
export const ViewerAnnotation = z.object({
  id: z.string().min(1).max(64),
  tool: AnnotationTool,
  sopInstanceUid: z.string().max(64),
  /** 1-based frame number. */
  frame: z.number().int().min(1),
  points: z.array(ImagePoint).min(2).max(4),
  text: z.string().max(500).optional(),
  measurement: z.object({ value: z.number(), unit: z.string().max(16) }).optional(),
});
export type ViewerAnnotation = z.infer<typeof ViewerAnnotation>;

/** Points each tool needs. */
export const ANNOTATION_POINTS: Record<AnnotationTool, number> = {
  length: 2,
  angle: 3,
  ellipse: 4,
  arrow: 2,
};

/** A window (VOI) preset: centre and width in modality units (after the rescale). */
export interface WindowPreset {
  id: string;
  label: string;
  /** Key in the viewer (1–4). */
  key: string;
  /** Null: the instance's own Window Center/Width (or the full range when it has none). */
  window: { center: number; width: number } | null;
  /**
   * Presets for CXR are relative to the bit depth of the image: a 12-bit detector and a 16-bit
   * one need different numbers. `relative` window values are fractions of the stored range.
   */
  relative: boolean;
}

/**
 * Window presets of the viewer. CXR pixel values are not calibrated (unlike CT Hounsfield
 * units), so the chest presets are fractions of the stored range: lung opens the upper range
 * wide, mediastinum narrows on the soft tissue, bone pushes contrast into the dense end.
 */
export const WINDOW_PRESETS: readonly WindowPreset[] = [
  { id: 'default', label: 'Default', key: '1', window: null, relative: false },
  { id: 'lung', label: 'Lung', key: '2', window: { center: 0.45, width: 0.7 }, relative: true },
  {
    id: 'mediastinum',
    label: 'Mediastinum',
    key: '3',
    window: { center: 0.6, width: 0.35 },
    relative: true,
  },
  { id: 'bone', label: 'Bone', key: '4', window: { center: 0.7, width: 0.5 }, relative: true },
];

/** Views a CXR instance can be, from View Position (0018,5101) and the series description. */
export const CXR_VIEWS = ['PA', 'AP', 'LATERAL', 'LORDOTIC', 'DECUBITUS', 'OTHER'] as const;
export type CxrView = (typeof CXR_VIEWS)[number];

/** What a viewport of a protocol shows. */
export interface ViewportSpec {
  /** The view wanted, in order of preference (e.g. PA, else AP). */
  views: readonly CxrView[];
  /** The current study or the most recent prior. */
  study: 'current' | 'prior';
  label: string;
}

/**
 * A hanging protocol: when it applies (the current study holds one of `requires.views`, or any
 * study when empty; whether a prior is needed) and the viewports it lays out, left to right. `extraViews` get one more viewport
 * each when the study holds them (lordotic, decubitus).
 */
export interface HangingProtocol {
  id: string;
  label: string;
  /** Higher wins when several match. */
  priority: number;
  requires: { views: readonly CxrView[]; prior: boolean };
  viewports: readonly ViewportSpec[];
  /** Synchronise zoom and pan across the viewports (current against prior). */
  syncZoomPan: boolean;
  extraViews: readonly CxrView[];
}

const FRONTAL: readonly CxrView[] = ['PA', 'AP'];
const EXTRA: readonly CxrView[] = ['LORDOTIC', 'DECUBITUS'];

/** The hanging protocols, as data. Selection: `selectHangingProtocol` in the viewer. */
export const HANGING_PROTOCOLS: readonly HangingProtocol[] = [
  {
    id: 'pa-vs-prior',
    label: 'PA with prior PA',
    priority: 30,
    requires: { views: FRONTAL, prior: true },
    viewports: [
      { views: FRONTAL, study: 'current', label: 'Current' },
      { views: FRONTAL, study: 'prior', label: 'Prior' },
    ],
    syncZoomPan: true,
    extraViews: EXTRA,
  },
  {
    id: 'pa-lateral',
    label: 'PA and lateral',
    priority: 20,
    requires: { views: ['LATERAL'], prior: false },
    viewports: [
      { views: FRONTAL, study: 'current', label: 'PA' },
      { views: ['LATERAL'], study: 'current', label: 'Lateral' },
    ],
    syncZoomPan: false,
    extraViews: EXTRA,
  },
  {
    id: 'pa',
    label: 'PA alone',
    priority: 10,
    requires: { views: [], prior: false },
    viewports: [{ views: [...FRONTAL, 'OTHER', 'LATERAL'], study: 'current', label: 'PA' }],
    syncZoomPan: false,
    extraViews: EXTRA,
  },
];

/**
 * Programmes whose clinics may see priors of the same patient from other clinics (a migrant
 * screened again at another panel site of the same programme). Data, default none: turning one
 * on is a governance decision, not a code change.
 */
export const CROSS_CLINIC_PRIOR_PROGRAMMES: Readonly<Record<Programme, boolean>> = {
  US: false,
  UK: false,
  CA: false,
  AUNZ: false,
  JP: false,
  GENERAL: false,
};

/** Report states, as `REPORT_STATES` (reportsApi imports this file, so they are repeated). */
const PRIOR_REPORT_STATES = [
  'draft',
  'pending_consultation',
  'final',
  'retake_requested',
] as const satisfies readonly ReportState[];

/**
 * A prior's latest report: its state, and once released what the clinic was told — the
 * result, whether findings suggest TB, the impression (shortened), the signer and the times.
 */
export const PriorReport = z.object({
  state: z.enum(PRIOR_REPORT_STATES),
  /** Null until the report is released. */
  releasedAt: z.string().nullable(),
  /** The form's name of the result question, e.g. "Chest X-ray result"; null until released. */
  resultLabel: z.string().nullable(),
  /** The result as the form words it (or "Unreadable"); null until released or when unset. */
  result: z.string().nullable(),
  tbSuggestive: z.boolean(),
  /** The released impression, at most {@link PRIOR_IMPRESSION_CHARS} characters. */
  impression: z.string(),
  signerName: z.string().nullable(),
  signerCredentials: z.string().nullable(),
  signedAt: z.string().nullable(),
});
export type PriorReport = z.infer<typeof PriorReport>;

/** Longest impression the priors list carries; longer ones end with an ellipsis. */
export const PRIOR_IMPRESSION_CHARS = 200;

/** One earlier study of the same patient, as `GET /api/studies/:studyUid/priors` lists it. */
export const PriorStudy = z.object({
  studyUid: z.string(),
  studyDate: z.string().nullable(),
  studyDescription: z.string().nullable(),
  modalities: z.array(z.string()),
  numInstances: z.number(),
  clinicId: z.uuid(),
  clinicCode: z.string(),
  /** True when the prior comes from another clinic (allowed by the programme). */
  otherClinic: z.boolean(),
  /** The prior's latest report (clinic users: its latest released one); null when none. */
  report: PriorReport.nullable(),
});
export type PriorStudy = z.infer<typeof PriorStudy>;

/** Answer of `GET /api/studies/:studyUid/priors`, most recent first. */
export const PriorsResponse = z.object({ priors: z.array(PriorStudy) });
export type PriorsResponse = z.infer<typeof PriorsResponse>;
