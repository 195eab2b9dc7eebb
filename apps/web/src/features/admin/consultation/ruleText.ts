import {
  findingDefinition,
  type CadDiscordanceParams,
  type ConsultationCondition,
  type ConsultationRule,
} from '@telerad/contracts';

/** A rule's condition in words, for the list. */
export function conditionText(when: ConsultationCondition): string {
  switch (when.kind) {
    case 'finding':
      return `Any of: ${when.codes.map((c) => findingDefinition(c).label).join('; ')}`;
    case 'tb_suggestive_under_age':
      return `A TB-suggestive finding in an applicant under ${when.age}`;
    case 'reader_flag':
      return `The reader flagged the read “${when.flag}”`;
    case 'cad_discordance':
      return cadDiscordanceRuleText(when);
  }
}

/** The CAD discordance rule's condition in words, with its two cuts. */
export function cadDiscordanceRuleText(p: CadDiscordanceParams): string {
  const high = p.highBand === 'triage' ? 'in the triage band' : 'in the abnormal or triage band';
  const low =
    p.lowFraction > 0
      ? `, or a CAD score below ${Math.round(p.lowFraction * 100)} % of the operating threshold on a TB finding`
      : '';
  return `A calibrated CAD score ${high} on a normal read${low}. Uncalibrated scores never hold a report.`;
}

/** A rule id from its name: lower case, dashes, unique among `taken`. */
export function ruleIdFor(name: string, taken: readonly string[]): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 34) || 'rule';
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}-${n}`;
  return id;
}

/** The list with `rule` put in place of the one with the same id, or appended. */
export function upsertRule(
  rules: readonly ConsultationRule[],
  rule: ConsultationRule,
  replacing: string | null,
): ConsultationRule[] {
  if (replacing === null) return [...rules, rule];
  return rules.map((r) => (r.id === replacing ? rule : r));
}
