import { z } from 'zod';

/**
 * Critical results: a finding the clinic must act on at once (an applicant with active TB must
 * not travel; a tension pneumothorax needs care now). The radiologist flags the report with a
 * category; on release the clinic gets an alert a named user acknowledges, and an alert nobody
 * acknowledges escalates to the clinic's assistants, then to the centre's supervisors.
 */

/** The categories, as data: adding one is one more row. `other` needs a note saying what. */
export const CRITICAL_CATEGORIES = {
  active_tb_cavitation: 'Active TB with cavitation',
  tension_pneumothorax: 'Tension pneumothorax',
  large_effusion: 'Large pleural effusion',
  suspected_malignancy: 'Mass suspicious for malignancy',
  other: 'Other urgent finding',
} as const satisfies Record<string, string>;

/** One category id. */
export type CriticalCategory = keyof typeof CRITICAL_CATEGORIES;
export const CriticalCategory = z.enum(
  Object.keys(CRITICAL_CATEGORIES) as [CriticalCategory, ...CriticalCategory[]],
);

/** What the radiologist says when flagging: the category, and a note (required for `other`). */
export const CriticalFlag = z
  .object({
    category: CriticalCategory,
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .refine((f) => f.category !== 'other' || (f.note ?? '').length > 0, {
    message: 'Say what the urgent finding is.',
    path: ['note'],
  });
export type CriticalFlag = z.infer<typeof CriticalFlag>;

/** The label of a flag, as the clinic reads it ("Other urgent finding: …" names the note). */
export function criticalLabel(f: { category: string; note: string | null | undefined }): string {
  const label = CRITICAL_CATEGORIES[f.category as CriticalCategory] ?? f.category;
  return f.note ? `${label}: ${f.note}` : label;
}

/** How far an unacknowledged alert has gone. */
export const CriticalEscalation = z.enum(['none', 'assistants', 'supervisors']);
export type CriticalEscalation = z.infer<typeof CriticalEscalation>;

/** One critical result, as the clinic and the centre see it. */
export const CriticalResult = z.object({
  id: z.uuid(),
  reportId: z.uuid(),
  clinicId: z.uuid(),
  clinicName: z.string(),
  studyUid: z.string(),
  patientId: z.string(),
  patientName: z.string().nullable(),
  category: CriticalCategory,
  /** The category's words, with the note. */
  label: z.string(),
  note: z.string().nullable(),
  flaggedBy: z.string(),
  flaggedAt: z.string(),
  /** When the clinic was alerted (the report's release); null while the report is held. */
  alertedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  escalation: CriticalEscalation,
  /** When the alert escalates next, while nobody has acknowledged it. */
  nextEscalationAt: z.string().nullable(),
  /** "Communicated to <name> (<clinic>) at <time>", once acknowledged. */
  communication: z.string().nullable(),
});
export type CriticalResult = z.infer<typeof CriticalResult>;

/** Answer of `GET /api/critical-results`. */
export const CriticalResultList = z.object({ results: z.array(CriticalResult) });
export type CriticalResultList = z.infer<typeof CriticalResultList>;

/** Query of `GET /api/critical-results`: open ones (the default) or all of the recent ones. */
export const CriticalResultQuery = z
  .object({
    state: z.enum(['open', 'all']).default('open'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type CriticalResultQuery = z.infer<typeof CriticalResultQuery>;

/** Body of `POST /api/reports/:id/critical`: flag a signed report critical. */
export const FlagCriticalBody = CriticalFlag;
export type FlagCriticalBody = z.infer<typeof FlagCriticalBody>;

/**
 * When an unacknowledged alert escalates, in minutes after it was raised (settings key
 * `critical`): first to the clinic's assistants, then to the centre's supervisors.
 */
export const CriticalSettings = z
  .object({
    assistantsAfterMinutes: z.number().min(0).max(1440),
    supervisorsAfterMinutes: z.number().min(0).max(2880),
  })
  .strict()
  .refine((s) => s.supervisorsAfterMinutes >= s.assistantsAfterMinutes, {
    message: 'Supervisors are told after the assistants, not before.',
    path: ['supervisorsAfterMinutes'],
  });
export type CriticalSettings = z.infer<typeof CriticalSettings>;

/** The defaults: the assistants after 15 minutes, the supervisors after 30. */
export const DEFAULT_CRITICAL_SETTINGS: CriticalSettings = {
  assistantsAfterMinutes: 15,
  supervisorsAfterMinutes: 30,
};

/**
 * The closed-loop line appended to the report record: "Communicated to <name> (<clinic>) at
 * <time>", the time in UTC (pages show it again in the reader's own time).
 */
export function communicationLine(r: {
  acknowledgedBy: string;
  clinicName: string;
  acknowledgedAt: string;
}): string {
  const at = `${r.acknowledgedAt.slice(0, 16).replace('T', ' ')} UTC`;
  return `Communicated to ${r.acknowledgedBy} (${r.clinicName}) at ${at}`;
}
