import {
  findingDefinition,
  type ExtraView,
  type Finding,
  type FormItem,
  type QualityGrade,
  type QualityReason,
  type Recommendation,
  type ReportContent,
  type ReportForm,
  type ReportIssue,
  type Side,
  type Zone,
} from '@telerad/contracts';

/**
 * Pure edits of a report's content, as the form makes them. Each returns new content; the
 * panel keeps one `ReportContent` as its only state, so what is saved is what is shown.
 */

/** A blank report on `form`. */
export function emptyContent(form: ReportForm): ReportContent {
  return {
    formId: form.id,
    formVersion: form.version,
    findings: [],
    quality: { reasons: [] },
    recommendations: [],
    extraViews: [],
    impression: '',
    remarks: '',
    readerFlags: [],
  };
}

/** Adds `value` to a list when `on`, removes it otherwise; order of first tick is kept. */
export function toggleIn<T>(list: readonly T[], value: T, on: boolean): T[] {
  const without = list.filter((v) => v !== value);
  return on ? [...without, value] : without;
}

/** Indexes of the findings recorded through form item `itemId`. */
export function findingIndexes(content: ReportContent, itemId: string): number[] {
  return content.findings.flatMap((f, i) => (f.formItem === itemId ? [i] : []));
}

/** Ticks or clears one form item (clearing removes every finding recorded through it). */
export function toggleItem(content: ReportContent, item: FormItem, on: boolean): ReportContent {
  const rest = content.findings.filter((f) => f.formItem !== item.id);
  const findings: Finding[] = on ? [...rest, { code: item.finding, formItem: item.id }] : rest;
  return { ...content, findings };
}

/** Changes one recorded finding; empty notes and zone lists are dropped, not stored. */
export function updateFinding(
  content: ReportContent,
  index: number,
  patch: { side?: Side | null; zones?: Zone[]; note?: string },
): ReportContent {
  const findings = content.findings.map((f, i) => {
    if (i !== index) return f;
    const next: Finding = { ...f };
    if (patch.side !== undefined) {
      if (patch.side === null) delete next.side;
      else next.side = patch.side;
    }
    if (patch.zones !== undefined) {
      if (patch.zones.length) next.zones = sortZones(patch.zones);
      else delete next.zones;
    }
    if (patch.note !== undefined) {
      if (patch.note.length) next.note = patch.note;
      else delete next.note;
    }
    return next;
  });
  return { ...content, findings };
}

const ZONE_ORDER: readonly Zone[] = ['upper', 'middle', 'lower'];
const sortZones = (zones: readonly Zone[]) => ZONE_ORDER.filter((z) => zones.includes(z));

/**
 * Sets the image quality grade. Grading "unreadable" ticks "Retake" (the only valid
 * recommendation then) so the reader does not meet an avoidable error; nothing else changes.
 */
export function setGrade(content: ReportContent, grade: QualityGrade): ReportContent {
  const recommendations =
    grade === 4 && !content.recommendations.includes('retake')
      ? [...content.recommendations, 'retake' as const]
      : content.recommendations;
  return { ...content, quality: { ...content.quality, grade }, recommendations };
}

/** Ticks or clears a quality reason. */
export function toggleReason(
  content: ReportContent,
  reason: QualityReason,
  on: boolean,
): ReportContent {
  return {
    ...content,
    quality: { ...content.quality, reasons: toggleIn(content.quality.reasons, reason, on) },
  };
}

/** Ticks or clears a recommendation; clearing "Extra views" clears which views too. */
export function toggleRecommendation(
  content: ReportContent,
  rec: Recommendation,
  on: boolean,
): ReportContent {
  return {
    ...content,
    recommendations: toggleIn(content.recommendations, rec, on),
    extraViews: rec === 'extra_views' && !on ? [] : content.extraViews,
  };
}

/** Ticks or clears an extra view; ticking one also ticks the "Extra views" recommendation. */
export function toggleExtraView(
  content: ReportContent,
  view: ExtraView,
  on: boolean,
): ReportContent {
  const extraViews = toggleIn(content.extraViews, view, on);
  const recommendations =
    on && !content.recommendations.includes('extra_views')
      ? [...content.recommendations, 'extra_views' as const]
      : content.recommendations;
  return { ...content, extraViews, recommendations };
}

/**
 * "Normal" in one move (Alt+N): the form's normal result, good quality when ungraded, no
 * prior when no comparison is given, and a plain impression when none is written. Findings
 * are kept: if the reader had ticked any, validation says so rather than losing them.
 */
export function markNormal(content: ReportContent, form: ReportForm): ReportContent {
  const normal = form.results.find((r) => r.kind === 'normal');
  if (!normal) return content;
  return {
    ...content,
    result: normal.id,
    notTaken: undefined,
    quality: content.quality.grade ? content.quality : { grade: 1, reasons: [] },
    comparison: content.comparison ?? 'no_prior',
    impression: content.impression.trim() ? content.impression : 'No active disease.',
  };
}

/**
 * The same report moved to another form (a clinic serving several programmes picks per study):
 * each finding goes to the new form's first item for the same canonical finding, or is listed
 * as dropped; a result the new form does not offer is cleared.
 */
export function switchForm(
  content: ReportContent,
  to: ReportForm,
): { content: ReportContent; dropped: string[] } {
  const dropped: string[] = [];
  const findings: Finding[] = [];
  for (const f of content.findings) {
    const item = to.items.find((i) => i.finding === f.code);
    if (item) findings.push({ ...f, formItem: item.id });
    else dropped.push(findingDefinition(f.code).label);
  }
  const result = to.results.some((r) => r.id === content.result) ? content.result : undefined;
  const notTaken =
    content.notTaken && to.notTakenReasons?.includes(content.notTaken)
      ? content.notTaken
      : undefined;
  return {
    content: { ...content, formId: to.id, formVersion: to.version, findings, result, notTaken },
    dropped,
  };
}

/** The issues of one field (`result`, `quality`, `findings.2`…). */
export function issuesFor(issues: readonly ReportIssue[], field: string): ReportIssue[] {
  return issues.filter((i) => i.field === field);
}

/** The issues of every finding recorded through `itemId`. */
export function itemIssues(
  issues: readonly ReportIssue[],
  content: ReportContent,
  itemId: string,
): ReportIssue[] {
  const fields = new Set(findingIndexes(content, itemId).map((i) => `findings.${i}`));
  return issues.filter((i) => fields.has(i.field));
}

/** The first error's message, for a field's error slot. */
export function firstError(issues: readonly ReportIssue[]): string | undefined {
  return issues.find((i) => i.severity === 'error')?.message;
}

/** The DOM id a field's control carries, so the summary can jump to it. */
export function fieldAnchor(field: string, content: ReportContent): string {
  const m = /^findings\.(\d+)$/.exec(field);
  if (m) {
    const f = content.findings[Number(m[1])];
    return f ? `report-item-${cssSafe(f.formItem)}` : 'report-findings';
  }
  return `report-${field === 'extraViews' ? 'recommendations' : field === 'formId' ? 'form' : field}`;
}

const cssSafe = (id: string) => id.replace(/[^a-zA-Z0-9_-]/g, '_');

/** The anchor id of a form item's row. */
export const itemAnchor = (itemId: string) => `report-item-${cssSafe(itemId)}`;
