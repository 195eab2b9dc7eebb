import {
  cadDiscordance,
  cadDiscordanceText,
  DEFAULT_CAD_DISCORDANCE,
  qcCategory,
  type CadDiscordanceParams,
  type CadReadFacts,
  type ConsultationRule,
  type ReportContent,
} from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { recordCadDiscordanceCheck, studyCadScore, type StudyCadScore } from '../cad';

/** A signed read beside its study's latest scored CAD result (docs/adr/0044). */
export interface CadBesideRead {
  cad: StudyCadScore;
  facts: CadReadFacts;
}

/**
 * The study's latest scored CAD result beside the read about to be signed, as the consultation
 * rules see it (`matchConsultationRules`); null when the study has no scored result. The read's
 * normal/abnormal/TB category is the QC one (`qcCategory`, docs/adr/0025).
 */
export async function cadBesideRead(
  trx: Db,
  studyId: string,
  content: ReportContent,
  now: Date,
): Promise<CadBesideRead | null> {
  const cad = await studyCadScore(trx, studyId, now);
  if (!cad) return null;
  const { score, band, abnormality, operatingAbnormality } = cad;
  return {
    cad,
    facts: { score, band, abnormality, operatingAbnormality, category: qcCategory(content) },
  };
}

/** The CAD rule among the rules: the first enabled one that matched, else the first at all. */
function cadRuleOf(
  rules: readonly ConsultationRule[],
  matched: readonly string[],
): { rule: ConsultationRule | null; params: CadDiscordanceParams } {
  const cadRules = rules.filter((r) => r.when.kind === 'cad_discordance');
  const rule = cadRules.find((r) => matched.includes(r.id)) ?? cadRules[0] ?? null;
  const params = rule?.when.kind === 'cad_discordance' ? rule.when : DEFAULT_CAD_DISCORDANCE;
  return { rule, params };
}

/**
 * Records, in the signing transaction, how the signed read compares with its CAD result, and
 * answers the words the consultation task gives for the hold ("CAD 0.91 (triage) on a normal
 * read") when the CAD rule held it, else null. Discordance is judged with the CAD rule's
 * parameters even when that rule is off (so peer review can still oversample the read), and
 * with the defaults when no CAD rule is listed.
 */
export async function recordCadCheck(
  trx: Db,
  c: {
    beside: CadBesideRead;
    rules: readonly ConsultationRule[];
    matched: readonly string[];
    reportId: string;
    studyId: string;
    clinicId: string;
    now: Date;
  },
): Promise<string | null> {
  const { cad, facts } = c.beside;
  const { rule, params } = cadRuleOf(c.rules, c.matched);
  const discordance = cadDiscordance(params, facts);
  const held = rule !== null && c.matched.includes(rule.id);
  const words = discordance && cadDiscordanceText(discordance, facts);
  const reason = held
    ? `${words}: held for a consultant by “${rule.name}”`
    : !words
      ? facts.band === 'uncalibrated'
        ? `CAD ${facts.score} is uncalibrated for ${cad.product} ${cad.version} (${cad.programme}): not compared`
        : `CAD ${facts.score} (${facts.band}) agrees with the ${facts.category} read`
      : `${words}: not held, the CAD consultation rule is ${rule ? 'turned off' : 'not listed'}`;
  await recordCadDiscordanceCheck(trx, {
    reportId: c.reportId,
    studyId: c.studyId,
    clinicId: c.clinicId,
    cad,
    category: facts.category,
    discordance,
    heldByRule: held ? rule.id : null,
    reason,
    params: { ruleId: rule?.id ?? null, enabled: rule?.enabled ?? false, ...params },
    at: c.now,
  });
  return held ? words : null;
}
