import { describe, expect, it } from 'vitest';
import { selectHangingProtocol } from './hangingProtocol';
import { viewOf, viewerInstances, type DicomJsonDataSet } from './studyMetadata';

/** A DICOM JSON instance of study `study` with a view position and series description. */
function ds(
  study: string,
  sop: string,
  viewPosition: string | null,
  description: string,
  series = 1,
): DicomJsonDataSet {
  const el = (vr: string, v: unknown) => ({ vr, Value: [v] });
  return {
    '0020000D': el('UI', study),
    '0020000E': el('UI', `${study}.${series}`),
    '00080018': el('UI', sop),
    '00200011': el('IS', series),
    '00280010': el('US', 2500),
    '00280011': el('US', 2048),
    '0008103E': el('LO', description),
    ...(viewPosition ? { '00185101': el('CS', viewPosition) } : {}),
  };
}

const study = (uid: string, ...items: [string, string | null, string][]) =>
  viewerInstances(
    '/dicomweb',
    items.map(([sop, vp, desc], i) => ds(uid, sop, vp, desc, i + 1)),
  );

describe('viewOf', () => {
  it('reads View Position first and falls back to the descriptions', () => {
    expect(viewOf('PA')).toBe('PA');
    expect(viewOf('LL')).toBe('LATERAL');
    expect(viewOf(null, 'Chest LAT')).toBe('LATERAL');
    expect(viewOf('AP', 'Chest AP lordotic')).toBe('LORDOTIC');
    expect(viewOf('', 'Left lateral decubitus')).toBe('DECUBITUS');
    expect(viewOf(null, 'Thorax')).toBe('OTHER');
  });
});

describe('selectHangingProtocol', () => {
  it('hangs a PA alone', () => {
    const l = selectHangingProtocol(study('1.1', ['pa', 'PA', 'Chest PA']), null, false);
    expect(l?.protocol.id).toBe('pa');
    expect(l?.viewports.map((v) => v.instance.sopUid)).toEqual(['pa']);
  });

  it('hangs PA beside lateral, whatever order they arrived in', () => {
    const l = selectHangingProtocol(
      study('1.2', ['lat', 'LL', 'Chest LAT'], ['pa', 'PA', 'Chest PA']),
      null,
      false,
    );
    expect(l?.protocol.id).toBe('pa-lateral');
    expect(l?.viewports.map((v) => [v.label, v.instance.sopUid])).toEqual([
      ['PA', 'pa'],
      ['Lateral', 'lat'],
    ]);
  });

  it('puts the current PA beside the prior PA with zoom and pan synchronised when comparing', () => {
    const current = study('1.3', ['pa', 'PA', 'Chest PA'], ['lat', 'LL', 'Chest LAT']);
    const prior = study('0.9', ['old-lat', 'LL', 'Chest LAT'], ['old-pa', 'PA', 'Chest PA']);
    const l = selectHangingProtocol(current, prior, true);
    expect(l?.protocol.id).toBe('pa-vs-prior');
    expect(l?.protocol.syncZoomPan).toBe(true);
    expect(l?.viewports.map((v) => [v.label, v.instance.sopUid])).toEqual([
      ['Current', 'pa'],
      ['Prior', 'old-pa'],
    ]);
    // Without comparison (or without a prior) the same study hangs PA + lateral.
    expect(selectHangingProtocol(current, prior, false)?.protocol.id).toBe('pa-lateral');
    expect(selectHangingProtocol(current, [], true)?.protocol.id).toBe('pa-lateral');
  });

  it('adds lordotic and decubitus views as extra viewports', () => {
    const l = selectHangingProtocol(
      study(
        '1.4',
        ['pa', 'PA', 'Chest PA'],
        ['lord', 'AP', 'Apical lordotic'],
        ['dec', null, 'R decubitus'],
      ),
      null,
      false,
    );
    expect(l?.protocol.id).toBe('pa');
    expect(l?.viewports.map((v) => [v.label, v.instance.sopUid])).toEqual([
      ['PA', 'pa'],
      ['Lordotic', 'lord'],
      ['Decubitus', 'dec'],
    ]);
  });

  it('shows whatever the study holds when no view is known, and nothing for no images', () => {
    const l = selectHangingProtocol(study('1.5', ['x', null, 'Thorax']), null, false);
    expect(l?.viewports.map((v) => v.instance.sopUid)).toEqual(['x']);
    expect(selectHangingProtocol([], null, true)).toBeNull();
  });

  it('leaves out instances without pixel data', () => {
    const noPixels = { ...ds('1.6', 'sr', null, 'Report') };
    delete noPixels['00280010'];
    expect(viewerInstances('/dicomweb', [noPixels])).toEqual([]);
  });
});
