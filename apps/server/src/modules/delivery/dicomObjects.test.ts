import dcmjs from 'dcmjs';
import { describe, expect, it } from 'vitest';
import {
  buildEncapsulatedPdfDataset,
  buildSrDataset,
  SOP,
  toPart10,
  uidFor,
  type InstanceRef,
} from './dicomObjects';
import {
  CONCEPTS,
  codeOf,
  LOCAL_SCHEME,
  personName,
  srContentTree,
  type Code,
  type ContentItem,
} from './srContent';
import { testReport } from './testReport';

const KEY: InstanceRef = {
  seriesUid: '2.25.1001',
  sopClassUid: '1.2.840.10008.5.1.4.1.1.1.1',
  sopUid: '2.25.1002',
};

/** Value types and relationships the report uses, all within Enhanced SR (PS3.3 §A.35.2.3.1). */
const SR_VALUE_TYPES = [
  'TEXT',
  'CODE',
  'DATETIME',
  'DATE',
  'TIME',
  'UIDREF',
  'PNAME',
  'COMPOSITE',
  'IMAGE',
  'WAVEFORM',
  'CONTAINER',
];
const SR_RELATIONSHIPS = [
  'CONTAINS',
  'HAS OBS CONTEXT',
  'HAS CONCEPT MOD',
  'HAS PROPERTIES',
  'INFERRED FROM',
];

function walk(item: ContentItem, visit: (i: ContentItem, depth: number) => void, depth = 0) {
  visit(item, depth);
  for (const c of item.ContentSequence ?? []) walk(c, visit, depth + 1);
}

const byMeaning = (items: ContentItem[] | undefined, meaning: string) =>
  items?.find((i) => i.ConceptNameCodeSequence[0]?.CodeMeaning === meaning);

/** Reads a Part 10 buffer back with dcmjs, naturalized. */
function parse(bytes: Buffer) {
  const dict = dcmjs.data.DicomMessage.readFile(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  return {
    meta: dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.meta),
    ds: dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict),
  };
}

describe('SR content tree', () => {
  it('is a CONTAINER tree of allowed value types and relationships only', () => {
    const tree = srContentTree(testReport(), KEY);
    expect(tree.ValueType).toBe('CONTAINER');
    expect(tree.RelationshipType).toBeUndefined();
    expect(tree.ConceptNameCodeSequence[0]).toEqual(CONCEPTS.report);
    let n = 0;
    walk(tree, (i, depth) => {
      n++;
      expect(SR_VALUE_TYPES).toContain(i.ValueType);
      if (depth > 0) expect(SR_RELATIONSHIPS).toContain(i.RelationshipType);
      for (const c of [
        ...i.ConceptNameCodeSequence,
        ...((i.ConceptCodeSequence as Code[] | undefined) ?? []),
      ]) {
        expect(c.CodeMeaning.length).toBeLessThanOrEqual(64);
        expect(codeOf(c).length).toBeGreaterThan(0);
        // Code Value is SH (≤ 16 characters); longer codes go in Long Code Value (PS3.3 §8.8).
        if ('CodeValue' in c) expect(c.CodeValue.length).toBeLessThanOrEqual(16);
        else expect(c.LongCodeValue.length).toBeGreaterThan(16);
      }
      if (i.ValueType === 'CONTAINER') expect(i.ContinuityOfContent).toBe('SEPARATE');
    });
    expect(n).toBeGreaterThan(10);
    // Observation context comes before the content it qualifies (PS3.3 §C.17.3.2.4).
    expect(tree.ContentSequence![0]!.RelationshipType).toBe('HAS OBS CONTEXT');
  });

  it('groups findings as the form does, each coded with side and zone', () => {
    const tree = srContentTree(testReport());
    const findings = byMeaning(tree.ContentSequence, 'Findings')!;
    const groups = findings.ContentSequence!;
    expect(groups.map((g) => codeOf(g.ConceptNameCodeSequence[0]!))).toEqual([
      'group-suggests_tb',
      'group-class_b_other',
    ]);
    const cavity = groups[0]!.ContentSequence![0]!;
    expect(cavity).toMatchObject({
      RelationshipType: 'CONTAINS',
      ValueType: 'CODE',
      ConceptNameCodeSequence: [CONCEPTS.finding],
      ConceptCodeSequence: [{ CodeValue: 'cavity', CodingSchemeDesignator: LOCAL_SCHEME }],
    });
    const mods = cavity.ContentSequence!;
    expect(mods[0]).toMatchObject({
      RelationshipType: 'HAS CONCEPT MOD',
      ConceptNameCodeSequence: [CONCEPTS.laterality],
      ConceptCodeSequence: [{ CodeValue: '24028007', CodingSchemeDesignator: 'SCT' }],
    });
    expect(mods[1]).toMatchObject({
      RelationshipType: 'HAS CONCEPT MOD',
      ValueType: 'CODE',
      ConceptNameCodeSequence: [CONCEPTS.findingSite],
      ConceptCodeSequence: [{ CodeValue: '281392002', CodingSchemeDesignator: 'SCT' }],
    });
    const effusion = groups[0]!.ContentSequence![1]!;
    expect(
      effusion.ContentSequence!.map((m) => [
        m.RelationshipType,
        m.TextValue ?? (m.ConceptCodeSequence as Code[])[0]!.CodeMeaning,
      ]),
    ).toEqual([
      ['HAS CONCEPT MOD', 'Left'],
      ['HAS CONCEPT MOD', 'Lower zone of lung'],
      ['HAS PROPERTIES', 'small'],
    ]);
    // A finding without a location has no modifiers.
    expect(groups[1]!.ContentSequence![0]!.ContentSequence).toBeUndefined();
  });

  it('carries result, impression, recommendation, class hint, key image and addendum', () => {
    const tree = srContentTree(
      testReport({ version: 2, kind: 'addendum', addendum: 'Sputum results requested.' }),
      KEY,
    );
    const items = tree.ContentSequence!;
    expect(byMeaning(items, 'Result')!.TextValue).toBe('Chest X-ray: Abnormal');
    expect(byMeaning(items, 'TB classification hint')!.TextValue).toMatch(/sputum/);
    expect(byMeaning(items, 'Impressions')!.ContentSequence![0]!.TextValue).toBe(
      'Right upper zone cavity: active TB likely.',
    );
    expect(byMeaning(items, 'Recommendations')!.ContentSequence![0]!.TextValue).toBe(
      'Sputum testing',
    );
    expect(byMeaning(items, 'Addendum')!.TextValue).toBe('Sputum results requested.');
    expect(byMeaning(items, 'Key image')).toMatchObject({
      ValueType: 'IMAGE',
      ReferencedSOPSequence: [
        { ReferencedSOPClassUID: KEY.sopClassUid, ReferencedSOPInstanceUID: KEY.sopUid },
      ],
    });
  });

  it('keeps the primary reader of a consultant amendment on record', () => {
    const r = testReport({ version: 2, kind: 'consultant_amend' });
    const tree = srContentTree({
      ...r,
      signer: { name: 'Prof Chloé Dubois', credentials: 'FRCR', at: r.signer.at },
      originalSigner: r.signer,
    });
    expect(byMeaning(tree.ContentSequence, 'Primary read signed by')!.TextValue).toBe(
      'Dr Ana Reyes, MD, FPCR — 2026-03-04 10:15 UTC',
    );
    expect(byMeaning(srContentTree(r).ContentSequence, 'Primary read signed by')).toBeUndefined();
  });

  it('shows UKTBTI findings with their codes', () => {
    const tree = srContentTree(
      testReport({
        formId: 'uk-uktbti',
        content: {
          result: 'old_or_active_tb',
          findings: [{ code: 'cavity', formItem: '4.7', side: 'bilateral', zones: ['upper'] }],
        },
      }),
    );
    const group = byMeaning(tree.ContentSequence, 'Findings')!.ContentSequence![0]!;
    const meaning = (
      group.ContentSequence![0]!.ConceptCodeSequence as { CodeMeaning: string }[]
    )[0]!.CodeMeaning;
    expect(meaning).toMatch(/^4\.7 /);
  });
});

describe('person names', () => {
  it('turns display names into DICOM person names', () => {
    expect(personName('Dr Ana Reyes')).toBe('Reyes^Ana^^Dr');
    expect(personName('Rosa Maria Reyes')).toBe('Reyes^Rosa Maria');
    expect(personName('Reyes')).toBe('Reyes');
    expect(personName('REYES^ROSA')).toBe('REYES^ROSA');
  });
});

describe('DICOM objects', () => {
  it('writes an Enhanced SR in the study, in a new series, verified by the signer', () => {
    const r = testReport();
    const ds = buildSrDataset(r, { evidence: [KEY] }, srContentTree(r, KEY));
    const { meta, ds: back } = parse(toPart10(ds));
    expect(meta.MediaStorageSOPClassUID).toBe(SOP.enhancedSr);
    expect(back.CodingSchemeIdentificationSequence).toMatchObject([
      { CodingSchemeDesignator: LOCAL_SCHEME },
    ]);
    expect(meta.TransferSyntaxUID).toBe('1.2.840.10008.1.2.1');
    expect(back.SOPClassUID).toBe(SOP.enhancedSr);
    expect(back.StudyInstanceUID).toBe(r.study.uid);
    expect(back.SeriesInstanceUID).not.toBe(KEY.seriesUid);
    expect(back.Modality).toBe('SR');
    expect(back.PatientID).toBe('P-0001');
    expect(JSON.stringify(back.PatientName)).toContain('DOE^JANE');
    expect(back.CompletionFlag).toBe('COMPLETE');
    expect(back.VerificationFlag).toBe('VERIFIED');
    expect(JSON.stringify(back.VerifyingObserverSequence)).toContain('Reyes^Ana^^Dr');
    expect(JSON.stringify(back.CurrentRequestedProcedureEvidenceSequence)).toContain(KEY.sopUid);
    expect(JSON.stringify(back.ContentSequence)).toContain('Right upper zone cavity');
  });

  it('encapsulates the PDF bytes unchanged, with their true length', () => {
    const r = testReport();
    const pdf = Buffer.from('%PDF-1.3\nan odd length body\n%%EOF');
    expect(pdf.length % 2).toBe(1);
    const { ds } = parse(toPart10(buildEncapsulatedPdfDataset(r, pdf)));
    expect(ds.SOPClassUID).toBe(SOP.encapsulatedPdf);
    expect(ds.MIMETypeOfEncapsulatedDocument).toBe('application/pdf');
    expect(ds.StudyInstanceUID).toBe(r.study.uid);
    expect(ds.EncapsulatedDocumentLength).toBe(pdf.length);
    const value = ds.EncapsulatedDocument as ArrayBuffer | ArrayBuffer[];
    const doc = Buffer.from(Array.isArray(value) ? value[0]! : value);
    expect(doc.subarray(0, pdf.length).equals(pdf)).toBe(true);
  });

  it('derives stable, valid UIDs per report version', () => {
    const a = uidFor('r1:1:sr');
    expect(a).toBe(uidFor('r1:1:sr'));
    expect(a).not.toBe(uidFor('r1:2:sr'));
    expect(a).toMatch(/^2\.25\.(0|[1-9]\d*)$/);
    expect(a.length).toBeLessThanOrEqual(64);
  });
});
