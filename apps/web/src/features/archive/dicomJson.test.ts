import { describe, expect, it } from 'vitest';
import { filterTagRows, firstDataset, toTagRows, type DicomJsonDataset } from './dicomJson';

const dataset: DicomJsonDataset = {
  '00100010': { vr: 'PN', Value: [{ Alphabetic: 'DOE^Jane' }] },
  '00080008': { vr: 'CS', Value: ['ORIGINAL', 'PRIMARY'] },
  '00280010': { vr: 'US', Value: [2500] },
  '00081140': {
    vr: 'SQ',
    Value: [{ '00081155': { vr: 'UI', Value: ['1.2.3'] } }, {}],
  },
  '7FE00010': { vr: 'OW', BulkDataURI: 'http://x/bulk' },
  '00091010': { vr: 'OB', InlineBinary: 'AAECAw==' },
  '00100020': { vr: 'LO' },
};

describe('toTagRows', () => {
  const rows = toTagRows(dataset);
  const byTag = new Map(rows.map((r) => [r.tag, r]));

  it('sorts by tag and names common keywords', () => {
    expect(rows.map((r) => r.tag)[0]).toBe('00080008');
    expect(byTag.get('00100010')?.keyword).toBe('PatientName');
    expect(byTag.get('00091010')?.keyword).toBe('Private');
  });
  it('renders values as DICOM shows them', () => {
    expect(byTag.get('00100010')?.value).toBe('DOE^Jane');
    expect(byTag.get('00080008')?.value).toBe('ORIGINAL\\PRIMARY');
    expect(byTag.get('00280010')?.value).toBe('2500');
    expect(byTag.get('7FE00010')?.value).toBe('bulk data');
    expect(byTag.get('00091010')?.value).toBe('binary, 4 bytes');
    expect(byTag.get('00100020')).toMatchObject({ value: 'empty', muted: true });
  });
  it('nests sequence items', () => {
    const sq = byTag.get('00081140');
    expect(sq?.value).toBe('2 items');
    expect(sq?.items?.[0]?.[0]).toMatchObject({
      keyword: 'ReferencedSOPInstanceUID',
      value: '1.2.3',
    });
    expect(sq?.items?.[1]).toEqual([]);
  });
});

describe('filterTagRows', () => {
  const rows = toTagRows(dataset);
  it('matches tag in either form, keyword and value', () => {
    expect(filterTagRows(rows, '(0010,0010)').map((r) => r.tag)).toEqual(['00100010']);
    expect(filterTagRows(rows, 'patientname').map((r) => r.tag)).toEqual(['00100010']);
    expect(filterTagRows(rows, 'jane').map((r) => r.tag)).toEqual(['00100010']);
  });
  it('keeps a sequence whose item matches, with only the matching rows', () => {
    const [sq] = filterTagRows(rows, '1.2.3');
    expect(sq?.tag).toBe('00081140');
    expect(sq?.items?.map((i) => i.length)).toEqual([1, 0]);
  });
});

describe('firstDataset', () => {
  it('takes the first dataset of a metadata array and refuses other shapes', () => {
    expect(firstDataset([dataset])).toBe(dataset);
    expect(firstDataset('nope')).toBeNull();
    expect(firstDataset([])).toBeNull();
  });
});
