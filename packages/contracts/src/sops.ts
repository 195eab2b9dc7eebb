import { z } from 'zod';
import { IsoDate, text } from './common';
import { ROLES } from './roles';

/**
 * SOPs and guidelines: documents in versions. Each version is Markdown or an uploaded PDF, with
 * its effective date, its review-due date and the roles it is for; those roles' users must
 * acknowledge it once they have opened it. A newer version supersedes the older, which stays
 * readable with who acknowledged it. Clinic-facing guidelines are those that name the `clinic`
 * role.
 */
export const SOP_FORMATS = ['markdown', 'pdf'] as const;
export const SopFormat = z.enum(SOP_FORMATS);
export type SopFormat = z.infer<typeof SopFormat>;

/** Largest PDF a version may carry. */
export const MAX_SOP_PDF_BYTES = 20 * 1024 * 1024;

/** The roles a version may be for (any role, clinic staff included). */
export const SopRole = z.enum(ROLES);

/** What a version says beyond its text: the body of a new version, and of a new document's first. */
export const SopVersionBody = z
  .object({
    format: SopFormat,
    /** The text, for a Markdown version. */
    markdown: z.string().max(200_000).default(''),
    /** The uploaded PDF (`POST /api/sops/files`), for a PDF version. */
    fileId: z.uuid().nullable().default(null),
    effectiveOn: IsoDate,
    reviewDueOn: IsoDate,
    /** Who it is for: they read it, and must acknowledge it. */
    roles: z.array(SopRole).min(1).max(ROLES.length),
    /** What changed from the version before. */
    changeNote: z.string().trim().max(2000).default(''),
  })
  .refine((v) => v.reviewDueOn > v.effectiveOn, {
    message: 'the review must fall due after the version takes effect',
    path: ['reviewDueOn'],
  })
  .refine((v) => (v.format === 'markdown' ? v.markdown.trim() !== '' : v.fileId !== null), {
    message: 'a Markdown version needs its text; a PDF version its uploaded file',
    path: ['format'],
  });
export type SopVersionBody = z.input<typeof SopVersionBody>;

/** `POST /api/sops`: a new document with its first version. */
export const NewSopBody = z.object({
  title: text(200),
  /** The person who keeps it current (reminded when its review falls due). */
  ownerId: z.uuid(),
  version: SopVersionBody,
});
export type NewSopBody = z.input<typeof NewSopBody>;

/** Where a document stands: in force, past its review date, or not yet in force. */
export const SOP_STATUSES = ['current', 'review_due', 'upcoming'] as const;
export const SopStatus = z.enum(SOP_STATUSES);
export type SopStatus = z.infer<typeof SopStatus>;

/** `GET /api/sops`: search words, one role, one status. */
export const SopListQuery = z.object({
  q: z.string().trim().max(200).default(''),
  role: SopRole.optional(),
  status: SopStatus.optional(),
});
export type SopListQuery = z.infer<typeof SopListQuery>;

/** One document in the library, with its newest version. */
export const SopSummary = z.object({
  id: z.uuid(),
  ref: z.string(),
  title: z.string(),
  ownerName: z.string(),
  version: z.number().int(),
  format: SopFormat,
  effectiveOn: z.string(),
  reviewDueOn: z.string(),
  roles: z.array(SopRole),
  status: SopStatus,
  /** The caller must still acknowledge the newest version. */
  pending: z.boolean(),
  /** For QA: how many of the version's users acknowledged it, of how many. */
  acknowledged: z.number().int().nullable(),
  audience: z.number().int().nullable(),
});
export type SopSummary = z.infer<typeof SopSummary>;

export const SopListAnswer = z.object({ documents: z.array(SopSummary) });
export type SopListAnswer = z.infer<typeof SopListAnswer>;

/** One version in a document's history. */
export const SopVersion = z.object({
  version: z.number().int(),
  format: SopFormat,
  effectiveOn: z.string(),
  reviewDueOn: z.string(),
  roles: z.array(SopRole),
  changeNote: z.string(),
  publishedBy: z.string(),
  publishedAt: z.string(),
  /** When a newer version replaced it; null for the newest. */
  supersededAt: z.string().nullable(),
  fileName: z.string().nullable(),
  fileSize: z.number().int().nullable(),
});
export type SopVersion = z.infer<typeof SopVersion>;

/** `GET /api/sops/:id`: the document, its history, and the version asked for (the newest by default). */
export const SopDocument = z.object({
  id: z.uuid(),
  ref: z.string(),
  title: z.string(),
  ownerId: z.uuid(),
  ownerName: z.string(),
  status: SopStatus,
  versions: z.array(SopVersion),
  shown: SopVersion.extend({
    markdown: z.string(),
    /** Must the caller acknowledge this version, and have they? */
    mustAcknowledge: z.boolean(),
    acknowledgedAt: z.string().nullable(),
  }),
});
export type SopDocument = z.infer<typeof SopDocument>;

export const SopDocumentQuery = z.object({
  /** An older version to read; the newest by default. */
  version: z.coerce.number().int().min(1).max(100_000).optional(),
});

/** `POST /api/sops/:id/acknowledge`: the version the caller opened and acknowledges. */
export const SopAcknowledgeBody = z.object({ version: z.number().int().min(1).max(100_000) });

/** One user's acknowledgement (or its absence) of one version. */
export const SopAcknowledgement = z.object({
  version: z.number().int(),
  userId: z.uuid(),
  name: z.string(),
  roles: z.array(z.string()),
  openedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
});
export type SopAcknowledgement = z.infer<typeof SopAcknowledgement>;

/** `GET /api/sops/:id/acknowledgements`: every version's acknowledgements, and who still owes one. */
export const SopAcknowledgementsAnswer = z.object({
  acknowledgements: z.array(SopAcknowledgement),
  /** Users of the newest version's roles who have not acknowledged it. */
  outstanding: z.array(SopAcknowledgement),
});
export type SopAcknowledgementsAnswer = z.infer<typeof SopAcknowledgementsAnswer>;

/** `GET /api/sops/pending`: what the caller has still to acknowledge (the shell's badge). */
export const SopPendingAnswer = z.object({
  pending: z.array(
    z.object({ id: z.uuid(), ref: z.string(), title: z.string(), version: z.number().int() }),
  ),
});
export type SopPendingAnswer = z.infer<typeof SopPendingAnswer>;

/** `POST /api/sops/files?name=`: the raw bytes of a PDF for a version. */
export const SopFileQuery = z.object({ name: text(200) });
export const SopFileAnswer = z.object({
  fileId: z.uuid(),
  fileName: z.string(),
  sizeBytes: z.number().int(),
});
export type SopFileAnswer = z.infer<typeof SopFileAnswer>;

/** People who may own a document (QA, admins and consultants). */
export const SopOwnerChoices = z.object({
  people: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type SopOwnerChoices = z.infer<typeof SopOwnerChoices>;

/** The roles allowed to own a document. */
export const SOP_OWNER_ROLES = ['qa', 'admin', 'consultant'] as const;
