import {
  COMPARISON_LABELS,
  QUALITY_GRADE_LABELS,
  QUALITY_REASON_LABELS,
  RECOMMENDATION_LABELS,
  type ReportContent,
} from './content';
import type { ReportForm } from './forms';
import { findingDefinition, type FindingCode, type Side, type Zone } from './vocabulary';

/** One finding as every output shows it: the form's wording plus the canonical code. */
export interface FindingView {
  code: FindingCode;
  formItem: string;
  /** The form's label, prefixed by its code where the form has codes (UKTBTI "4.7 …"). */
  label: string;
  group: string;
  side?: Side;
  zones?: Zone[];
  location: string;
  note?: string;
  tbSuggestive: boolean;
}

/**
 * A report laid out for output, the same for the portal, the PDF, the DICOM SR and FHIR, so
 * they never disagree. Built from the canonical content and the form version it was written on.
 */
export interface ReportView {
  formId: string;
  formVersion: string;
  formTitle: string;
  formSource: string;
  resultLabel: string;
  result: string | null;
  findings: FindingView[];
  /** Groups in form order, with their findings; groups without findings are left out. */
  groups: { id: string; label: string; findings: FindingView[] }[];
  quality: string | null;
  comparison: string | null;
  recommendations: string[];
  impression: string;
  remarks: string;
  notTaken: string | null;
  /** TB-suggestive: sputum testing is indicated on every programme. */
  tbSuggestive: boolean;
  /** For the US panel physician: which TB class the findings point to (not assigned here). */
  classHint: string | null;
}

const coded = /^\d+\.\d+$/;

export function locationText(side?: Side, zones?: readonly Zone[]): string {
  const parts: string[] = [];
  if (side) parts.push(side === 'bilateral' ? 'bilateral' : `${side}`);
  if (zones?.length) parts.push(`${zones.join('/')} zone${zones.length > 1 ? 's' : ''}`);
  return parts.join(', ');
}

export function buildReportView(form: ReportForm, content: ReportContent): ReportView {
  const items = new Map(form.items.map((i) => [i.id, i]));
  const findings: FindingView[] = content.findings.map((f) => {
    const item = items.get(f.formItem);
    const label = item
      ? coded.test(item.id)
        ? `${item.id} ${item.label}`
        : item.label
      : f.formItem;
    return {
      code: f.code,
      formItem: f.formItem,
      label,
      group: item?.group ?? 'other',
      side: f.side,
      zones: f.zones,
      location: locationText(f.side, f.zones),
      note: f.note,
      tbSuggestive: findingDefinition(f.code).tbSuggestive,
    };
  });
  const groups = form.groups
    .map((g) => ({ id: g.id, label: g.label, findings: findings.filter((f) => f.group === g.id) }))
    .filter((g) => g.findings.length > 0);
  const grade = content.quality.grade;
  const quality =
    grade === undefined
      ? null
      : [
          `${grade} — ${QUALITY_GRADE_LABELS[grade]}`,
          ...content.quality.reasons.map((r) => QUALITY_REASON_LABELS[r]),
        ].join('; ');
  const recommendations = content.recommendations.map((r) =>
    r === 'extra_views' && content.extraViews.length
      ? `${RECOMMENDATION_LABELS[r]}: ${content.extraViews.join(', ')}`
      : RECOMMENDATION_LABELS[r],
  );
  const tbSuggestive = findings.some((f) => f.tbSuggestive);
  let classHint: string | null = null;
  if (form.programmes.includes('US')) {
    if (tbSuggestive) classHint = 'Findings suggest TB: sputum smears and cultures needed';
    else if (findings.some((f) => f.group === 'class_b_other'))
      classHint = 'Class B Other findings';
    else if (findings.length) classHint = 'Findings not Class B';
  }
  return {
    formId: form.id,
    formVersion: form.version,
    formTitle: form.title,
    formSource: form.source,
    resultLabel: form.resultLabel,
    result:
      form.results.find((r) => r.id === content.result)?.label ??
      (grade === 4 ? 'Unreadable' : null),
    findings,
    groups,
    quality,
    comparison: content.comparison ? COMPARISON_LABELS[content.comparison] : null,
    recommendations,
    impression: content.impression,
    remarks: content.remarks,
    notTaken: content.notTaken ?? null,
    tbSuggestive,
    classHint,
  };
}
