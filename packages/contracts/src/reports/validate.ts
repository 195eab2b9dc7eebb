import type { ReportContent } from './content';
import { findingDefinition } from './vocabulary';
import type { FormItem, ReportForm } from './forms';

/** One problem with a report; `error`s block signing, `warning`s are shown but allowed. */
export interface ReportIssue {
  severity: 'error' | 'warning';
  /** The field it concerns, for the form to highlight: `result`, `findings.3`, `quality`… */
  field: string;
  message: string;
}

/** `draft` checks only what makes the content meaningless; `final` also what signing needs. */
export type ValidationStage = 'draft' | 'final';

/**
 * Checks a report against its form: contradictions are blocked with a message that says what
 * to change (e.g. "normal" with a TB finding, "unreadable" without a retake). Pure; the server
 * runs it on save and on sign, the form runs it as the reader types.
 */
export function validateReport(
  form: ReportForm,
  content: ReportContent,
  stage: ValidationStage,
): ReportIssue[] {
  const issues: ReportIssue[] = [];
  const error = (field: string, message: string) =>
    issues.push({ severity: 'error', field, message });
  const warn = (field: string, message: string) =>
    issues.push({ severity: 'warning', field, message });

  if (content.formId !== form.id || content.formVersion !== form.version) {
    error(
      'formId',
      `This report was written on ${content.formId} ${content.formVersion}, not ${form.id} ${form.version}.`,
    );
    return issues;
  }
  const items = new Map(form.items.map((i) => [i.id, i]));
  const groups = new Map(form.groups.map((g) => [g.id, g]));
  const recorded: { item: FormItem; index: number }[] = [];
  content.findings.forEach((f, index) => {
    const item = items.get(f.formItem);
    if (!item)
      return error(`findings.${index}`, `“${f.formItem}” is not an item of ${form.title}.`);
    if (item.finding !== f.code)
      return error(`findings.${index}`, `Item ${item.id} records ${item.finding}, not ${f.code}.`);
    recorded.push({ item, index });
    const def = findingDefinition(f.code);
    if (stage === 'final' && def.located && !f.side)
      error(`findings.${index}`, `Give the side for “${item.label}”.`);
    if (
      stage === 'final' &&
      (f.code === 'other_tb' || f.code === 'other_non_tb') &&
      !f.note?.trim() &&
      !content.remarks.trim()
    )
      error(`findings.${index}`, `Specify “${item.label}” in a note or the remarks.`);
  });
  const seen = new Set<string>();
  for (const { item, index } of recorded) {
    const key = `${item.id}`;
    const f = content.findings[index]!;
    const where = `${key}|${f.side ?? ''}|${(f.zones ?? []).join(',')}`;
    if (seen.has(where))
      error(`findings.${index}`, `“${item.label}” is recorded twice at the same place.`);
    seen.add(where);
  }

  const grade = content.quality.grade;
  const unreadable = grade === 4;
  if (grade === undefined) {
    if (stage === 'final') error('quality', 'Grade the image quality.');
  } else if (grade >= 3 && content.quality.reasons.length === 0) {
    error(
      'quality',
      `Image quality “${grade === 4 ? 'unreadable' : 'poor'}” needs at least one reason.`,
    );
  }
  if (unreadable) {
    if (!content.recommendations.includes('retake'))
      error('recommendations', 'Unreadable images need a retake: tick “Retake”.');
    if (content.result)
      error(
        'result',
        'An unreadable study has no result: clear the result, or grade the quality 1–3.',
      );
    if (recorded.length)
      error(
        'findings',
        'An unreadable study has no findings: remove them, or grade the quality 1–3.',
      );
  }

  if (content.notTaken) {
    if (!form.notTakenReasons?.includes(content.notTaken))
      error('notTaken', `${form.title} does not record a “CXR not taken” reason.`);
    if (recorded.length || content.result)
      error('notTaken', 'A CXR that was not taken has no result or findings.');
    return issues;
  }

  const option = content.result ? form.results.find((r) => r.id === content.result) : undefined;
  if (content.result && !option)
    error('result', `“${content.result}” is not a result of ${form.title}.`);
  if (!content.result && !unreadable && stage === 'final')
    error('result', `Choose the ${form.resultLabel.toLowerCase()}.`);

  const tbFindings = recorded.filter(({ item }) => findingDefinition(item.finding).tbSuggestive);
  const tbSupport = recorded.filter(({ item }) => groups.get(item.group)?.supportsTb);
  const names = (list: typeof recorded) => list.map(({ item }) => item.label).join('; ');
  if (option?.kind === 'normal') {
    if (tbFindings.length)
      error(
        'result',
        `“${option.label}” cannot go with a TB finding (${names(tbFindings)}). Choose an abnormal result or remove the finding.`,
      );
    const other = recorded.filter(
      ({ item }) =>
        !groups.get(item.group)?.allowedWithNormal && !findingDefinition(item.finding).tbSuggestive,
    );
    if (other.length)
      error(
        'result',
        `“${option.label}” cannot go with ${names(other)}. Choose an abnormal result or remove the finding.`,
      );
  }
  if (option?.kind === 'abnormal' && recorded.length === 0 && stage === 'final')
    error('findings', `“${option.label}” needs at least one finding ticked.`);
  if (option?.kind === 'non_tb' && tbFindings.length)
    error(
      'result',
      `“${option.label}” cannot go with a TB finding (${names(tbFindings)}). Choose a TB result or remove the finding.`,
    );
  if (
    option?.kind === 'non_tb' &&
    recorded.length === 0 &&
    !content.remarks.trim() &&
    stage === 'final'
  )
    error('findings', `“${option.label}” needs a finding or a remark saying what it is.`);
  if (option?.kind === 'tb' && tbSupport.length === 0 && stage === 'final')
    error('findings', `“${option.label}” needs at least one finding that supports it.`);

  if (tbFindings.length && !content.recommendations.includes('sputum_testing'))
    warn(
      'recommendations',
      'A TB-suggestive finding usually needs sputum testing: tick “Sputum testing”.',
    );
  if (content.recommendations.includes('extra_views') && content.extraViews.length === 0)
    error('extraViews', 'Say which extra views are needed (lateral, lordotic, decubitus).');
  if (stage === 'final' && !unreadable && !content.impression.trim())
    error('impression', 'Write an impression.');
  if (stage === 'final' && !content.comparison)
    warn('comparison', 'Say how it compares with the prior, or “No prior available”.');
  return issues;
}

/** Whether any issue blocks signing. */
export const hasBlockingIssues = (issues: readonly ReportIssue[]) =>
  issues.some((i) => i.severity === 'error');
