import { z } from 'zod';
import { FindingCode, findingDefinition } from './vocabulary';
import { ReaderFlag, type ReportContent } from './content';
import { CadDiscordanceParams, cadDiscordance, type CadReadFacts } from './cadDiscordance';

/**
 * Consultation rules as data (issue 5 §4), editable by QA or admin: a signed report that
 * matches any enabled rule is held as pending consultation until a consultant concurs or
 * amends it.
 */
export const ConsultationCondition = z.discriminatedUnion('kind', [
  /** Any of these canonical findings is recorded. */
  z.object({ kind: z.literal('finding'), codes: z.array(FindingCode).min(1) }).strict(),
  /** A TB-suggestive finding in an applicant younger than `age` years. */
  z
    .object({ kind: z.literal('tb_suggestive_under_age'), age: z.number().int().min(1).max(120) })
    .strict(),
  /** The reader raised this flag. */
  z.object({ kind: z.literal('reader_flag'), flag: ReaderFlag }).strict(),
  /** The study's calibrated CAD score disagrees with the read (docs/adr/0044). */
  CadDiscordanceParams.extend({ kind: z.literal('cad_discordance') }).strict(),
]);
export type ConsultationCondition = z.infer<typeof ConsultationCondition>;

export const ConsultationRule = z
  .object({
    id: z
      .string()
      .min(1)
      .max(40)
      .regex(/^[a-z0-9_-]+$/),
    name: z.string().min(1).max(120),
    enabled: z.boolean().default(true),
    when: ConsultationCondition,
  })
  .strict();
export type ConsultationRule = z.infer<typeof ConsultationRule>;

export const ConsultationRules = z
  .array(ConsultationRule)
  .max(50)
  .refine((rules) => new Set(rules.map((r) => r.id)).size === rules.length, {
    message: 'rule ids must be unique',
  });
export type ConsultationRules = z.infer<typeof ConsultationRules>;

/**
 * The rules of a fresh install: cavity or miliary; TB finding in a child; "uncertain"; CAD
 * disagreeing with the read (a no-op until QA calibrates a CAD product version).
 */
export const DEFAULT_CONSULTATION_RULES: ConsultationRules = [
  {
    id: 'cavity-or-miliary',
    name: 'Any cavity or miliary finding',
    enabled: true,
    when: { kind: 'finding', codes: ['cavity', 'miliary'] },
  },
  {
    id: 'tb-in-child',
    name: 'Any TB-suggestive finding in a child (under 15)',
    enabled: true,
    when: { kind: 'tb_suggestive_under_age', age: 15 },
  },
  {
    id: 'reader-uncertain',
    name: 'Reader flagged the read as uncertain',
    enabled: true,
    when: { kind: 'reader_flag', flag: 'uncertain' },
  },
  {
    id: 'cad-discordance',
    name: 'CAD disagrees with the read',
    enabled: true,
    when: { kind: 'cad_discordance', highBand: 'triage', lowFraction: 0.25 },
  },
];

/**
 * The enabled rules a report matches. `ageYears` is the applicant's age at the study, null
 * when unknown (an age rule then does not match: it cannot be shown to apply). `cad` is the
 * study's latest scored CAD result beside the read, null when it has none (a CAD rule then
 * does not match).
 */
export function matchConsultationRules(
  rules: readonly ConsultationRule[],
  content: ReportContent,
  ageYears: number | null,
  cad: CadReadFacts | null = null,
): ConsultationRule[] {
  const codes = new Set(content.findings.map((f) => f.code));
  const tb = content.findings.some((f) => findingDefinition(f.code).tbSuggestive);
  return rules.filter((rule) => {
    if (!rule.enabled) return false;
    const w = rule.when;
    switch (w.kind) {
      case 'finding':
        return w.codes.some((c) => codes.has(c));
      case 'tb_suggestive_under_age':
        return tb && ageYears !== null && ageYears < w.age;
      case 'reader_flag':
        return content.readerFlags.includes(w.flag);
      case 'cad_discordance':
        return cad !== null && cadDiscordance(w, cad) !== null;
    }
  });
}
