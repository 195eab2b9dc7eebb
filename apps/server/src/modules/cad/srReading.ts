import dcmjs from 'dcmjs';
import type { DicomJson } from '../ingest';

/**
 * Reading a CAD's Structured Report (docs/adr/0041, docs/conformance/cad-sr.md): a Chest CAD SR
 * (PS3.3 §A.35.6, TID 4100) or a Comprehensive SR carrying a score. Only what Telerad stores of
 * a result is read; everything else stays in the stored object as sent.
 */

/** SOP classes a CAD's AE may send (PS3.4 Annex B.5): its SRs and its heatmaps. */
export const CAD_SR_CLASSES: readonly string[] = [
  '1.2.840.10008.5.1.4.1.1.88.65', // Chest CAD SR
  '1.2.840.10008.5.1.4.1.1.88.33', // Comprehensive SR
  '1.2.840.10008.5.1.4.1.1.88.22', // Enhanced SR
];
/** Heatmap classes: Secondary Capture Image and Grayscale Softcopy Presentation State. */
export const CAD_HEATMAP_CLASSES: readonly string[] = [
  '1.2.840.10008.5.1.4.1.1.7',
  '1.2.840.10008.5.1.4.1.1.11.1',
];
/** Every SOP class a CAD integration's AE may store. */
export const CAD_OBJECT_CLASSES: readonly string[] = [...CAD_SR_CLASSES, ...CAD_HEATMAP_CLASSES];

/**
 * Concepts read as the abnormality score, in this order (a NUM item outside any finding):
 * Telerad's own code, then the concept names products use for a study-level score.
 */
export const SCORE_CONCEPTS: readonly { scheme: string; value: string }[] = [
  { scheme: '99TELERAD', value: 'cad-abnormality-score' },
];
/** A NUM item's Code Meaning that is read as the score when no listed concept is present. */
export const SCORE_MEANING =
  /abnormality score|tuberculosis score|tb score|probability|likelihood/i;
/** A NUM item's Code Meaning that carries a product's error code instead of a score. */
export const ERROR_MEANING = /error code/i;

/** One finding with where it is, as read from a SCOORD (image pixel column, row). */
export interface CadSrFinding {
  label: string;
  /** The finding's own probability (0–1) when it gives one. */
  probability: number | null;
  point?: { x: number; y: number };
  box?: { x: number; y: number; width: number; height: number };
}

/** What a CAD SR says, or why it could not be read. */
export type CadSrReading =
  | {
      ok: true;
      product: { name: string; version: string };
      score: number | null;
      errorCode: number | null;
      /** The image scored, when the SR names one image. */
      imageSopUid: string | null;
      findings: CadSrFinding[];
      /** A Secondary Capture or GSPS the SR names (its heatmap). */
      heatmapSopUid: string | null;
    }
  | { ok: false; reason: string };

interface Coded {
  CodeValue?: string;
  CodingSchemeDesignator?: string;
  CodeMeaning?: string;
}
interface RefSop {
  ReferencedSOPClassUID?: string;
  ReferencedSOPInstanceUID?: string;
}
interface Item {
  ValueType?: string;
  RelationshipType?: string;
  ConceptNameCodeSequence?: Coded | Coded[];
  ConceptCodeSequence?: Coded | Coded[];
  TextValue?: string;
  MeasuredValueSequence?: { NumericValue?: number | string } | { NumericValue?: number | string }[];
  GraphicType?: string;
  GraphicData?: number[];
  ReferencedSOPSequence?: RefSop | RefSop[];
  ContentSequence?: Item | Item[];
}

const list = <T>(v: T | T[] | undefined): T[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];
const concept = (i: Item): Coded | undefined => list(i.ConceptNameCodeSequence)[0];
const is = (i: Item, scheme: string, value: string) =>
  concept(i)?.CodingSchemeDesignator?.trim() === scheme && concept(i)?.CodeValue?.trim() === value;
const numberOf = (i: Item): number | null => {
  const v = list(i.MeasuredValueSequence)[0]?.NumericValue;
  const n = typeof v === 'string' ? Number(v.trim()) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};

/** Every content item under `items`, depth first, with whether it lies inside a finding. */
function walk(items: Item[], inFinding = false): { item: Item; inFinding: boolean }[] {
  return items.flatMap((item) => {
    const finding = inFinding || isFinding(item);
    return [{ item, inFinding }, ...walk(list(item.ContentSequence), finding)];
  });
}

/** A finding: a CODE item (TID 4100 Single Image Finding, or any coded finding) with a SCOORD. */
function isFinding(i: Item): boolean {
  return (
    i.ValueType?.trim() === 'CODE' &&
    list(i.ContentSequence).some((c) => c.ValueType?.trim() === 'SCOORD')
  );
}

/** The point or bounding box of a SCOORD (PS3.3 §C.18.6: column/row pairs, pixel coordinates). */
function where(s: Item): Pick<CadSrFinding, 'point' | 'box'> {
  const d = (s.GraphicData ?? []).map(Number);
  if (d.length < 2 || d.some((n) => !Number.isFinite(n) || n < 0)) return {};
  if (s.GraphicType?.trim() === 'POINT') return { point: { x: d[0]!, y: d[1]! } };
  const xs = d.filter((_, k) => k % 2 === 0);
  const ys = d.filter((_, k) => k % 2 === 1);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { box: { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y } };
}

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/**
 * Reads a CAD SR dataset (DICOM JSON as ingest parsed it): the product and exact version
 * (TID 4019 Algorithm Name DCM 111001 / Algorithm Version DCM 111003, else Manufacturer's Model
 * Name or Manufacturer with Software Versions), the score (`SCORE_CONCEPTS`, else a NUM named as
 * in `SCORE_MEANING`, outside any finding), an error code (a NUM named as in `ERROR_MEANING`),
 * the findings with their locations (each finding's SCOORD) and the heatmap it names.
 */
export function readCadSr(dataset: DicomJson): CadSrReading {
  let ds: Item & Record<string, unknown>;
  try {
    ds = dcmjs.data.DicomMetaDictionary.naturalizeDataset(structuredClone(dataset)) as Item &
      Record<string, unknown>;
  } catch (e) {
    return { ok: false, reason: `its content could not be decoded (${(e as Error).message})` };
  }
  const items = walk(list(ds.ContentSequence));
  const text = (value: string) =>
    items
      .map((x) => x.item)
      .find((i) => i.ValueType?.trim() === 'TEXT' && is(i, 'DCM', value))
      ?.TextValue?.trim();
  const name = text('111001') || str(ds.ManufacturerModelName) || str(ds.Manufacturer) || undefined;
  const version = text('111003') || list(ds.SoftwareVersions as string | string[]).map(str)[0];
  if (!name || !version)
    return {
      ok: false,
      reason: 'it names no product version (Algorithm Name and Version, or Software Versions)',
    };

  const nums = items.filter((x) => x.item.ValueType?.trim() === 'NUM');
  const errorItem = nums.find((x) => ERROR_MEANING.test(concept(x.item)?.CodeMeaning ?? ''));
  const scoreItem =
    SCORE_CONCEPTS.map((c) => nums.find((x) => is(x.item, c.scheme, c.value))).find(Boolean) ??
    nums.find((x) => !x.inFinding && SCORE_MEANING.test(concept(x.item)?.CodeMeaning ?? ''));
  const errorCode = errorItem ? numberOf(errorItem.item) : null;
  const score = errorCode === null && scoreItem ? numberOf(scoreItem.item) : null;
  if (score === null && errorCode === null)
    return { ok: false, reason: 'it carries no score and no error code this reader knows' };

  const findings: CadSrFinding[] = items
    .filter((x) => isFinding(x.item))
    .map(({ item }) => {
      const children = list(item.ContentSequence);
      const scoord = children.find((c) => c.ValueType?.trim() === 'SCOORD')!;
      const p = children.find((c) => c.ValueType?.trim() === 'NUM');
      const raw = p ? numberOf(p) : null;
      const probability = raw === null ? null : raw > 1 ? raw / 100 : raw;
      const label =
        list(item.ConceptCodeSequence)[0]?.CodeMeaning?.trim() ||
        concept(item)?.CodeMeaning?.trim() ||
        'Finding';
      return {
        label: label.slice(0, 100),
        probability:
          probability !== null && probability >= 0 && probability <= 1 ? probability : null,
        ...where(scoord),
      };
    });

  const refs = items
    .filter((x) => x.item.ValueType?.trim() === 'IMAGE')
    .flatMap((x) => list(x.item.ReferencedSOPSequence));
  const heatmap = refs.find((r) => CAD_HEATMAP_CLASSES.includes(str(r.ReferencedSOPClassUID)));
  const images = [
    ...new Set(
      refs
        .filter((r) => !CAD_HEATMAP_CLASSES.includes(str(r.ReferencedSOPClassUID)))
        .map((r) => str(r.ReferencedSOPInstanceUID))
        .filter(Boolean),
    ),
  ];
  return {
    ok: true,
    product: { name: name.slice(0, 100), version: version.slice(0, 50) },
    score,
    errorCode: errorCode === null ? null : Math.trunc(errorCode),
    imageSopUid: images.length === 1 ? images[0]! : null,
    findings,
    heatmapSopUid: heatmap ? str(heatmap.ReferencedSOPInstanceUID) || null : null,
  };
}

/**
 * The studies a CAD object says it describes, from its header (DICOM JSON): its own Study
 * Instance UID first, then those of the SR's Current Requested Procedure Evidence (0040,A375)
 * and Pertinent Other Evidence (0040,A385) (PS3.3 §C.17.2).
 */
export function describedStudyUids(studyUid: string, dataset: DicomJson): string[] {
  const uids = [studyUid];
  for (const tag of ['0040A375', '0040A385']) {
    for (const study of (dataset[tag]?.Value ?? []) as DicomJson[]) {
      const uid = study?.['0020000D']?.Value?.[0];
      if (typeof uid === 'string' && uid.trim()) uids.push(uid.trim());
    }
  }
  return [...new Set(uids)];
}
