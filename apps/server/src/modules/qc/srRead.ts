import {
  FINDING_CODES,
  QUALITY_REASON_LABELS,
  RECOMMENDATION_LABELS,
  ReportContent,
  qcCategory,
  type Finding,
  type FindingCode,
  type QcCategory,
  type QualityReason,
  type Recommendation,
  type ReportForm,
} from '@telerad/contracts';
import dcmjs from 'dcmjs';
import type { DicomJson } from '../ingest';

/**
 * A clinic's own read sent as a DICOM SR (docs/adr/0025), read from its content tree. The
 * template, every concept optional but the category or a result:
 * - root CONTAINER (LN 18748-4 "Diagnostic Imaging Report");
 * - Person Observer Name (DCM 121008, PNAME): the clinic's reader;
 * - Chest X-ray category (99TELERAD `cxr-category`, CODE) valued with one of 99TELERAD `normal`,
 *   `abnormal-not-tb`, `suggestive-of-tb`, `unreadable`;
 * - Finding (DCM 121071, CODE) valued with a canonical finding code (99TELERAD), Laterality and
 *   Finding Site modifiers (SCT) as in our own report SR;
 * - Image quality (99TELERAD `image-quality`, TEXT) "2 — Acceptable; Motion";
 * - Recommendation (DCM 121075, TEXT) and Impression (DCM 121073, TEXT).
 * Our own report SR (modules/delivery/srContent.ts), which a clinic may echo, is read too: its
 * form, result, findings, quality, recommendations and impression.
 */

const CATEGORY_CODES: Record<string, QcCategory> = {
  normal: 'normal',
  'abnormal-not-tb': 'abnormal',
  'suggestive-of-tb': 'tb',
  unreadable: 'unreadable',
};

const SIDE_BY_CODE: Record<string, Finding['side']> = {
  '24028007': 'right',
  '7771000': 'left',
  '51440002': 'bilateral',
};
const ZONE_BY_CODE: Record<string, NonNullable<Finding['zones']>[number]> = {
  '281392002': 'upper',
  '281393007': 'middle',
  '281394001': 'lower',
};

interface Coded {
  CodeValue?: string;
  LongCodeValue?: string;
  CodingSchemeDesignator?: string;
}
interface Item {
  ValueType?: string;
  ConceptNameCodeSequence?: Coded | Coded[];
  ConceptCodeSequence?: Coded | Coded[];
  TextValue?: string;
  PersonName?: unknown;
  ContentSequence?: Item | Item[];
}

const list = <T>(v: T | T[] | undefined): T[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];
const codeOf = (c: Coded | Coded[] | undefined): string => {
  const x = list(c)[0];
  return (x?.CodeValue ?? x?.LongCodeValue ?? '').trim();
};
const is = (item: Item, scheme: string, value: string) => {
  const c = list(item.ConceptNameCodeSequence)[0];
  return codeOf(c) === value && c?.CodingSchemeDesignator?.trim() === scheme;
};

/** Every content item of the tree, depth first. */
function walk(items: Item[], out: Item[] = []): Item[] {
  for (const it of items) {
    out.push(it);
    walk(list(it.ContentSequence), out);
  }
  return out;
}

function personName(v: unknown): string {
  const first = list(v as unknown[])[0];
  const raw =
    typeof first === 'string'
      ? first
      : String((first as { Alphabetic?: string })?.Alphabetic ?? '');
  const [family = '', given = '', , prefix = ''] = raw.split('^');
  return [prefix, given, family]
    .map((s) => s.trim())
    .filter(Boolean)
    .join(' ');
}

function findingOf(item: Item, form: ReportForm): Finding | string {
  const code = codeOf(item.ConceptCodeSequence);
  if (!(FINDING_CODES as readonly string[]).includes(code))
    return `the finding code “${code}” is not one we know`;
  const formItem = form.items.find((i) => i.finding === code);
  if (!formItem) return `${form.title} has no item for the finding “${code}”`;
  const mods = list(item.ContentSequence);
  const side = mods.map((m) => SIDE_BY_CODE[codeOf(m.ConceptCodeSequence)]).find(Boolean);
  const zones = mods.map((m) => ZONE_BY_CODE[codeOf(m.ConceptCodeSequence)]).filter((z) => !!z);
  const note = mods.find((m) => is(m, 'DCM', '121106'))?.TextValue?.trim();
  return {
    code: code as FindingCode,
    formItem: formItem.id,
    ...(side ? { side } : {}),
    ...(zones.length ? { zones } : {}),
    ...(note ? { note } : {}),
  };
}

/** "2 — Acceptable; Motion; Cut-off anatomy" (as our report SR writes it). */
function qualityOf(text: string): ReportContent['quality'] {
  const grade = Number(/^\s*([1-4])\b/.exec(text)?.[1]);
  const parts = text.split(';').map((s) => s.trim().toLowerCase());
  const reasons = (Object.entries(QUALITY_REASON_LABELS) as [QualityReason, string][])
    .filter(([, label]) => parts.includes(label.toLowerCase()))
    .map(([r]) => r);
  return { ...(grade ? { grade: grade as 1 | 2 | 3 | 4 } : {}), reasons };
}

function recommendationOf(text: string): Recommendation | undefined {
  const t = text.trim().toLowerCase();
  return (Object.entries(RECOMMENDATION_LABELS) as [Recommendation, string][]).find(([, label]) =>
    t.startsWith(label.toLowerCase()),
  )?.[0];
}

/** What reading an SR gave: the read, or why it cannot be used. */
export type SrRead =
  | { ok: true; content: ReportContent; readerName: string; category: QcCategory }
  | { ok: false; reason: string };

/**
 * Reads a clinic's SR dataset (DICOM JSON, as ingest parsed it) as a read on one of `forms` (the
 * clinic's forms, the first the default): the form the SR names when it is one of them. The read
 * still has to pass the form's signing checks when it is recorded.
 */
export function readClinicSr(dataset: DicomJson, forms: readonly ReportForm[]): SrRead {
  const fail = (reason: string): SrRead => ({ ok: false, reason });
  let ds: Item & { OperatorsName?: unknown };
  try {
    ds = dcmjs.data.DicomMetaDictionary.naturalizeDataset(structuredClone(dataset)) as Item;
  } catch (e) {
    return fail(`its content could not be decoded (${(e as Error).message})`);
  }
  if (ds.ValueType?.trim() !== 'CONTAINER' || !is(ds, 'LN', '18748-4'))
    return fail('it is not a diagnostic imaging report (LN 18748-4)');
  const items = walk(list(ds.ContentSequence));
  const text = (scheme: string, value: string) =>
    items.filter((i) => is(i, scheme, value)).map((i) => (i.TextValue ?? '').trim());

  const named = /\((\S+) version (\S+)\)\s*$/.exec(text('99TELERAD', 'form')[0] ?? '');
  const form = named ? forms.find((f) => f.id === named[1] && f.version === named[2]) : forms[0];
  if (!form) return fail(`it was written on a form this clinic does not use (${named?.[1]})`);

  const stated = items
    .filter((i) => is(i, '99TELERAD', 'cxr-category'))
    .map((i) => codeOf(i.ConceptCodeSequence));
  const category = stated.length ? CATEGORY_CODES[stated[0]!] : undefined;
  if (stated.length && !category) return fail(`its category “${stated[0]}” is not one of ours`);

  const findings: Finding[] = [];
  for (const it of items.filter((i) => is(i, 'DCM', '121071'))) {
    const f = findingOf(it, form);
    if (typeof f === 'string') return fail(f);
    findings.push(f);
  }
  const qualityText = text('99TELERAD', 'image-quality')[0];
  const quality = qualityText ? qualityOf(qualityText) : { reasons: [] };
  if (category === 'unreadable') quality.grade = 4;
  const recommendations = [
    ...new Set(
      text('DCM', '121075')
        .map(recommendationOf)
        .filter((r): r is Recommendation => !!r),
    ),
  ];
  if (quality.grade === 4 && !recommendations.includes('retake')) recommendations.push('retake');

  // The result: as our report SR names it, or the form's first result of the stated category.
  const resultLabel = text('99TELERAD', 'result')[0]?.replace(/^[^:]*:\s*/, '');
  const kinds: Record<QcCategory, string[]> = {
    normal: ['normal'],
    abnormal: ['non_tb', 'abnormal'],
    tb: ['tb', 'abnormal'],
    unreadable: [],
  };
  const result =
    quality.grade === 4
      ? undefined
      : resultLabel
        ? form.results.find((r) => r.label.toLowerCase() === resultLabel.toLowerCase())?.id
        : category
          ? kinds[category].map((k) => form.results.find((r) => r.kind === k)?.id).find(Boolean)
          : undefined;
  if (!result && quality.grade !== 4)
    return fail(
      resultLabel
        ? `its result “${resultLabel}” is not one of ${form.title}`
        : 'it gives no category (normal, abnormal not TB, suggestive of TB or unreadable)',
    );

  const parsed = ReportContent.safeParse({
    formId: form.id,
    formVersion: form.version,
    ...(result ? { result } : {}),
    findings: quality.grade === 4 ? [] : findings,
    quality,
    recommendations,
    impression: text('DCM', '121073').filter(Boolean).join('\n'),
  });
  if (!parsed.success) return fail('its content does not fit a read');
  const content = parsed.data;
  const derived = qcCategory(content, form);
  if (category && derived !== category)
    return fail(`it says “${stated[0]}” but its findings make it ${derived}`);
  const observer = items.find((i) => is(i, 'DCM', '121008'))?.PersonName;
  const readerName =
    personName(observer) || personName(ds.OperatorsName) || 'Not named in the clinic’s SR';
  return { ok: true, content, readerName: readerName.slice(0, 120), category: derived };
}
