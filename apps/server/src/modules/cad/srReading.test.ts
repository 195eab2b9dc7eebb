import dcmjs from 'dcmjs';
import { describe, expect, it } from 'vitest';
import type { DicomJson } from '../ingest';
import { describedStudyUids, readCadSr } from './srReading';

/** A naturalized dataset as the DICOM JSON ingest parses (PS3.18 Annex F). */
const json = (ds: Record<string, unknown>) =>
  dcmjs.data.DicomMetaDictionary.denaturalizeDataset(ds) as unknown as DicomJson;
const concept = (CodeValue: string, CodingSchemeDesignator: string, CodeMeaning: string) => [
  { CodeValue, CodingSchemeDesignator, CodeMeaning },
];

/** A Comprehensive SR as a product without TID 4019 writes it: model name and software version. */
const comprehensive = (score: Record<string, unknown>[]) =>
  json({
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.88.33',
    Manufacturer: 'Qure.ai',
    ManufacturerModelName: 'qXR',
    SoftwareVersions: ['4.2'],
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: concept('18748-4', 'LN', 'Diagnostic Imaging Report'),
    ContentSequence: [
      ...score,
      {
        RelationshipType: 'CONTAINS',
        ValueType: 'CODE',
        ConceptNameCodeSequence: concept('121071', 'DCM', 'Finding'),
        ConceptCodeSequence: concept('95436008', 'SCT', 'Consolidation'),
        ContentSequence: [
          {
            RelationshipType: 'INFERRED FROM',
            ValueType: 'SCOORD',
            GraphicType: 'POLYLINE',
            GraphicData: [10, 20, 50, 20, 50, 90, 10, 90],
          },
        ],
      },
    ],
  });

const num = (meaning: string, value: number) => ({
  RelationshipType: 'CONTAINS',
  ValueType: 'NUM',
  ConceptNameCodeSequence: concept('x-1', '99QURE', meaning),
  MeasuredValueSequence: [{ NumericValue: value }],
});

describe('reading a CAD SR', () => {
  it('reads a Comprehensive SR: model and software version, a probability score, a finding’s box', () => {
    expect(readCadSr(comprehensive([num('Tuberculosis probability', 0.42)]))).toEqual({
      ok: true,
      product: { name: 'qXR', version: '4.2' },
      score: 0.42,
      errorCode: null,
      imageSopUid: null,
      findings: [
        { label: 'Consolidation', probability: null, box: { x: 10, y: 20, width: 40, height: 70 } },
      ],
      heatmapSopUid: null,
    });
  });

  it('reads an error code in place of a score, and refuses an SR with neither', () => {
    const r = readCadSr(comprehensive([num('Error code', -2)]));
    expect(r).toMatchObject({ ok: true, score: null, errorCode: -2 });
    expect(readCadSr(comprehensive([num('Lung area', 3)]))).toEqual({
      ok: false,
      reason: 'it carries no score and no error code this reader knows',
    });
  });

  it('names the described study from the SR evidence when the SR is in a study of its own', () => {
    const ds = json({
      CurrentRequestedProcedureEvidenceSequence: [
        { StudyInstanceUID: '1.2.3', ReferencedSeriesSequence: [] },
      ],
    });
    expect(describedStudyUids('9.9.9', ds)).toEqual(['9.9.9', '1.2.3']);
  });
});
