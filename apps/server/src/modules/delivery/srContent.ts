import {
  CRITICAL_CATEGORIES,
  type CriticalCategory,
  type FindingView,
  type Side,
  type Zone,
} from '@telerad/contracts';
import type { InstanceRef } from './dicomObjects';
import type { ReleasedReport } from './load';
import { signatureText } from './text';

/**
 * The content tree of the Enhanced SR (PS3.3 §A.35.2, ADR 0012): a root CONTAINER with TEXT,
 * CODE, PNAME, IMAGE and nested CONTAINER items, laid out as TID 2000 (Basic Diagnostic Imaging
 * Report), using only the relationships of PS3.3 Table A.35.2-2 (a finding's note is HAS
 * PROPERTIES of its CODE item, which Basic Text SR forbids). Concepts use DCM, LOINC and SNOMED
 * CT codes where they exist, the local scheme 99TELERAD otherwise (PS3.16 §8.1: local schemes
 * start with "99"; declared in the Coding Scheme Identification Sequence), and findings are coded
 * with the canonical finding code system.
 */

/**
 * A coded concept (PS3.3 §8.8, Code Sequence Macro): Code Value (SH, at most 16 characters), or
 * Long Code Value (UC) for longer codes such as most canonical finding codes.
 */
export type Code = ({ CodeValue: string } | { LongCodeValue: string }) & {
  CodingSchemeDesignator: string;
  CodeMeaning: string;
};

/** The local coding scheme of Telerad concepts and canonical finding codes. */
export const LOCAL_SCHEME = '99TELERAD';

/**
 * The local scheme as the SR declares it (PS3.3 §C.12.1.1.2, Coding Scheme Identification
 * Sequence): a private scheme must be identified there; DCM, LN and SCT are in PS3.16 Table 8-1.
 */
export const LOCAL_SCHEME_IDENTIFICATION = {
  CodingSchemeDesignator: LOCAL_SCHEME,
  CodingSchemeName: 'Telerad report concepts and CXR findings',
  CodingSchemeResponsibleOrganization: 'Telerad',
} as const;

const code = (value: string, CodingSchemeDesignator: string, CodeMeaning: string): Code => ({
  ...(value.length <= 16 ? { CodeValue: value } : { LongCodeValue: value }),
  CodingSchemeDesignator,
  CodeMeaning: CodeMeaning.slice(0, 64),
});

/** The code of a concept, whichever attribute carries it. */
export const codeOf = (c: Code): string => ('CodeValue' in c ? c.CodeValue : c.LongCodeValue);

/**
 * A display name ("Dr Ana Reyes") as a DICOM person name (PS3.5 §6.2.1): last word the family
 * name, a leading title the prefix, the rest given names ("Reyes^Ana^^Dr").
 */
export function personName(display: string): string {
  if (display.includes('^')) return display;
  const words = display.trim().split(/\s+/);
  const prefix =
    words.length > 1 && /^(dr|prof|mr|mrs|ms)\.?$/i.test(words[0]!) ? words.shift() : '';
  const family = words.pop() ?? '';
  const given = words.join(' ');
  return prefix ? `${family}^${given}^^${prefix}` : given ? `${family}^${given}` : family;
}

/** The concepts the tree uses. */
export const CONCEPTS = {
  // LOINC 18748-4 "Diagnostic imaging study", the document title of TID 2000 (PS3.16 CID 7000,
  // where its meaning is "Diagnostic Imaging Report").
  report: code('18748-4', 'LN', 'Diagnostic Imaging Report'),
  observer: code('121008', 'DCM', 'Person Observer Name'),
  findings: code('121070', 'DCM', 'Findings'),
  finding: code('121071', 'DCM', 'Finding'),
  impressions: code('121072', 'DCM', 'Impressions'),
  impression: code('121073', 'DCM', 'Impression'),
  recommendations: code('121074', 'DCM', 'Recommendations'),
  recommendation: code('121075', 'DCM', 'Recommendation'),
  comment: code('121106', 'DCM', 'Comment'),
  laterality: code('272741003', 'SCT', 'Laterality'),
  findingSite: code('363698007', 'SCT', 'Finding Site'),
  form: code('form', LOCAL_SCHEME, 'Report form'),
  result: code('result', LOCAL_SCHEME, 'Result'),
  classHint: code('class-hint', LOCAL_SCHEME, 'TB classification hint'),
  quality: code('image-quality', LOCAL_SCHEME, 'Image quality'),
  comparison: code('comparison', LOCAL_SCHEME, 'Comparison with prior'),
  notTaken: code('not-taken', LOCAL_SCHEME, 'Chest X-ray not taken'),
  addendum: code('addendum', LOCAL_SCHEME, 'Addendum'),
  primaryRead: code('primary-read', LOCAL_SCHEME, 'Primary read signed by'),
  keyImage: code('key-image', LOCAL_SCHEME, 'Key image'),
  critical: code('critical-result', LOCAL_SCHEME, 'Critical result'),
  pilot: code('pilot-report', LOCAL_SCHEME, 'Pilot report'),
  secondRead: code('second-read', LOCAL_SCHEME, 'Second read pending'),
} as const;

/**
 * SNOMED CT laterality qualifiers, as PS3.16 CID 244 "Laterality" lists them: 24028007 |Right|,
 * 7771000 |Left|, 51440002 |Right and left| (bilateral).
 */
export const SIDE_CODES: Record<Side, Code> = {
  right: code('24028007', 'SCT', 'Right'),
  left: code('7771000', 'SCT', 'Left'),
  bilateral: code('51440002', 'SCT', 'Right and left'),
};

/**
 * SNOMED CT body structures of the radiographic lung zones (the CXR reading zones, not lobes):
 * 281392002 |Upper zone of lung|, 281393007 |Middle zone of lung|, 281394001 |Lower zone of lung|
 * (SNOMED CT International, body structure hierarchy, children of 39607008 |Lung structure|).
 */
export const ZONE_CODES: Record<Zone, Code> = {
  upper: code('281392002', 'SCT', 'Upper zone of lung'),
  middle: code('281393007', 'SCT', 'Middle zone of lung'),
  lower: code('281394001', 'SCT', 'Lower zone of lung'),
};

/** One content item, naturalized as dcmjs writes it. */
export type ContentItem = Record<string, unknown> & {
  RelationshipType?: string;
  ValueType: string;
  ConceptNameCodeSequence: Code[];
  ContentSequence?: ContentItem[];
};

const text = (concept: Code, value: string, rel = 'CONTAINS'): ContentItem => ({
  RelationshipType: rel,
  ValueType: 'TEXT',
  ConceptNameCodeSequence: [concept],
  TextValue: value,
});

const container = (concept: Code, children: ContentItem[]): ContentItem => ({
  RelationshipType: 'CONTAINS',
  ValueType: 'CONTAINER',
  ConceptNameCodeSequence: [concept],
  ContinuityOfContent: 'SEPARATE',
  ContentSequence: children,
});

const modifier = (concept: Code, value: Code): ContentItem => ({
  RelationshipType: 'HAS CONCEPT MOD',
  ValueType: 'CODE',
  ConceptNameCodeSequence: [concept],
  ConceptCodeSequence: [value],
});

/**
 * A finding: its canonical code as value, form wording as meaning; side and each zone as coded
 * concept modifiers (Laterality, Finding Site, as TID 1419 qualifies a finding), the reader's
 * note as a property of the finding (HAS PROPERTIES, PS3.3 Table A.35.2-2).
 */
export function findingItem(f: FindingView): ContentItem {
  const mods: ContentItem[] = [];
  if (f.side) mods.push(modifier(CONCEPTS.laterality, SIDE_CODES[f.side]));
  for (const z of f.zones ?? []) mods.push(modifier(CONCEPTS.findingSite, ZONE_CODES[z]));
  if (f.note) mods.push(text(CONCEPTS.comment, f.note, 'HAS PROPERTIES'));
  return {
    RelationshipType: 'CONTAINS',
    ValueType: 'CODE',
    ConceptNameCodeSequence: [CONCEPTS.finding],
    ConceptCodeSequence: [code(f.code, LOCAL_SCHEME, f.label)],
    ...(mods.length ? { ContentSequence: mods } : {}),
  };
}

/**
 * The critical flag, near the top of the tree: a CODE item "Critical result" whose value is the
 * category (its id in the local scheme, its words as meaning), with the reader's note as a
 * property (HAS PROPERTIES, as a finding's note). A receiving system can act on the code alone.
 */
export function criticalItem(c: NonNullable<ReleasedReport['critical']>): ContentItem {
  const meaning = CRITICAL_CATEGORIES[c.category as CriticalCategory] ?? c.category;
  return {
    RelationshipType: 'CONTAINS',
    ValueType: 'CODE',
    ConceptNameCodeSequence: [CONCEPTS.critical],
    ConceptCodeSequence: [code(c.category, LOCAL_SCHEME, meaning)],
    ...(c.note ? { ContentSequence: [text(CONCEPTS.comment, c.note, 'HAS PROPERTIES')] } : {}),
  };
}

/**
 * The pilot mark, beside the critical flag: a CODE item "Pilot report" whose value says a second
 * read is pending, so a receiving system can tell a pilot report by its code alone.
 */
export function pilotItem(): ContentItem {
  return {
    RelationshipType: 'CONTAINS',
    ValueType: 'CODE',
    ConceptNameCodeSequence: [CONCEPTS.pilot],
    ConceptCodeSequence: [CONCEPTS.secondRead],
  };
}

/**
 * The root content item of the report's SR, as attributes of the dataset itself (PS3.3
 * §C.17.3: the document's root is the dataset).
 */
export function srContentTree(r: ReleasedReport, keyImage?: InstanceRef): ContentItem {
  const v = r.view;
  const items: ContentItem[] = [
    {
      RelationshipType: 'HAS OBS CONTEXT',
      ValueType: 'PNAME',
      ConceptNameCodeSequence: [CONCEPTS.observer],
      PersonName: [{ Alphabetic: personName(r.signer.name) }],
    },
    text(CONCEPTS.form, `${v.formTitle} (${v.formId} version ${v.formVersion})`),
  ];
  if (r.critical) items.push(criticalItem(r.critical));
  if (r.pilot) items.push(pilotItem());
  if (v.result) items.push(text(CONCEPTS.result, `${v.resultLabel}: ${v.result}`));
  if (v.notTaken) items.push(text(CONCEPTS.notTaken, v.notTaken));
  if (v.classHint) items.push(text(CONCEPTS.classHint, v.classHint));
  items.push(
    container(
      CONCEPTS.findings,
      v.groups.length
        ? v.groups.map((g) =>
            container(code(`group-${g.id}`, LOCAL_SCHEME, g.label), g.findings.map(findingItem)),
          )
        : [text(CONCEPTS.comment, 'No findings recorded')],
    ),
  );
  if (v.quality) items.push(text(CONCEPTS.quality, v.quality));
  if (v.comparison) items.push(text(CONCEPTS.comparison, v.comparison));
  if (v.recommendations.length)
    items.push(
      container(
        CONCEPTS.recommendations,
        v.recommendations.map((x) => text(CONCEPTS.recommendation, x)),
      ),
    );
  items.push(
    container(CONCEPTS.impressions, [text(CONCEPTS.impression, v.impression || 'None given')]),
  );
  if (v.remarks) items.push(text(CONCEPTS.comment, v.remarks));
  if (r.kind === 'addendum' && r.addendum) items.push(text(CONCEPTS.addendum, r.addendum));
  // A consultant's amendment is verified by the consultant; the primary reader stays on record,
  // as on the PDF.
  if (r.originalSigner) items.push(text(CONCEPTS.primaryRead, signatureText(r.originalSigner)));
  if (keyImage)
    items.push({
      RelationshipType: 'CONTAINS',
      ValueType: 'IMAGE',
      ConceptNameCodeSequence: [CONCEPTS.keyImage],
      ReferencedSOPSequence: [
        {
          ReferencedSOPClassUID: keyImage.sopClassUid,
          ReferencedSOPInstanceUID: keyImage.sopUid,
        },
      ],
    });
  return {
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [CONCEPTS.report],
    ContinuityOfContent: 'SEPARATE',
    ContentSequence: items,
  };
}
