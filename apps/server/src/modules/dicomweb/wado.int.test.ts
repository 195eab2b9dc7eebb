import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import dcmjs from 'dcmjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { writeCxr, writeCxrSet, type WrittenFile } from '../../testing/dicomFixtures';
import { signIn } from '../../testing/http';
import { as, partsOf, stowAs, stowItems } from './testSupport';

/**
 * STOW-RS in, WADO-RS out: every transfer syntax comes back byte for byte when asked as stored,
 * metadata comes from the index alone, frames come as stored when asked so (transcoding:
 * wadoTranscode.int.test.ts).
 */
let fx: AppFixture;
let dir: string;
let files: WrittenFile[];
let studyUid: string;

beforeAll(async () => {
  fx = await appWithDemo();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-wado-'));
  const set = await writeCxrSet(dir, { patient: { name: 'WADO^TEST', id: 'WADO-1' } });
  expect(set.skipped, 'every syntax can be produced here (DCMTK installed)').toEqual([]);
  files = set.files;
  studyUid = files[0]!.studyInstanceUid;
});
afterAll(async () => {
  await fx?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const ACCEPT_AS_STORED = 'multipart/related; type="application/dicom"; transfer-syntax=*';
const instanceUrl = (f: WrittenFile) =>
  `/dicomweb/studies/${f.studyInstanceUid}/series/${f.seriesInstanceUid}/instances/${f.sopInstanceUid}`;

function elements(bytes: Buffer) {
  const ab = bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;
  const d = dcmjs.data.DicomMessage.readFile(ab);
  return { meta: d.meta, dict: d.dict };
}

describe('STOW-RS then WADO-RS', () => {
  it('stores every transfer syntax in one request and answers 200 with every instance referenced', async () => {
    const syntaxes = new Set(files.map((f) => f.syntax));
    for (const s of [
      'implicitLE',
      'explicitLE',
      'explicitBE',
      'deflatedLE',
      'jpegBaseline',
      'jpegLsLossless',
      'j2kLossless',
      'htj2kLossless',
      'rleLossless',
    ])
      expect(syntaxes.has(s as WrittenFile['syntax']), s).toBe(true);
    const res = await stowAs(
      fx.app,
      'clinic1',
      files.map((f) => fs.readFileSync(f.path)),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/dicom+json');
    const { stored, failed } = stowItems(res);
    expect(failed).toEqual([]);
    expect(stored.map((s) => s.sopUid).sort()).toEqual(files.map((f) => f.sopInstanceUid).sort());
    expect(stored[0]!.url).toMatch(
      /^http:\/\/localhost(:\d+)?\/dicomweb\/studies\/.+\/instances\/.+$/,
    );
  });

  it('returns each instance unchanged with transfer-syntax=*: same bytes, same elements, same pixel data', async () => {
    for (const f of files) {
      const res = await as(
        fx.app,
        'clinic1',
      )({ url: instanceUrl(f), headers: { accept: ACCEPT_AS_STORED } });
      expect(res.statusCode, `${f.syntax} ${res.body.slice(0, 200)}`).toBe(200);
      const [part, ...more] = await partsOf(res);
      expect(more).toEqual([]);
      expect(part!.headers['content-type']).toBe(
        `application/dicom; transfer-syntax=${f.transferSyntaxUid}`,
      );
      const sent = fs.readFileSync(f.path);
      expect(part!.body.equals(sent), `${f.syntax} bytes`).toBe(true);
      expect(elements(part!.body), f.syntax).toEqual(elements(sent));
    }
  });

  it('retrieves a series and a whole study as multipart, one part per instance', async () => {
    const f = files[0]!;
    const series = await as(
      fx.app,
      'clinic1',
    )({
      url: `/dicomweb/studies/${studyUid}/series/${f.seriesInstanceUid}`,
      headers: { accept: ACCEPT_AS_STORED },
    });
    expect((await partsOf(series)).length).toBe(
      files.filter((x) => x.seriesInstanceUid === f.seriesInstanceUid).length,
    );
    const study = await as(
      fx.app,
      'clinic1',
    )({ url: `/dicomweb/studies/${studyUid}`, headers: { accept: ACCEPT_AS_STORED } });
    const parts = await partsOf(study);
    expect(parts.length).toBe(files.length);
    const sent = new Set(files.map((x) => fs.readFileSync(x.path).toString('base64')));
    for (const p of parts) expect(sent.has(p.body.toString('base64'))).toBe(true);
  });

  it('serves study metadata for every instance from the index, even with the files gone', async () => {
    const first = await as(fx.app, 'clinic1')({ url: `/dicomweb/studies/${studyUid}/metadata` });
    expect(first.statusCode).toBe(200);
    const before = first.json() as Record<string, { Value?: unknown[]; BulkDataURI?: string }>[];
    expect(before.length).toBe(files.length);
    // Take every object file away: metadata must not need them.
    fs.renameSync(path.join(fx.dataDir, 'objects'), path.join(fx.dataDir, 'objects-away'));
    try {
      const res = await as(fx.app, 'clinic1')({ url: `/dicomweb/studies/${studyUid}/metadata` });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(before);
    } finally {
      fs.renameSync(path.join(fx.dataDir, 'objects-away'), path.join(fx.dataDir, 'objects'));
    }
    for (const ds of before) {
      const sop = ds['00080018']!.Value![0] as string;
      const f = files.find((x) => x.sopInstanceUid === sop)!;
      expect(ds['0020000D']!.Value).toEqual([studyUid]);
      expect(ds['00100010']!.Value).toEqual([{ Alphabetic: 'WADO^TEST' }]);
      expect(ds['00083002']!.Value).toEqual([f.transferSyntaxUid]);
      expect(ds['7FE00010']!.BulkDataURI).toMatch(/^http:\/\/localhost(:80)?\/dicomweb\//);
      expect(ds['7FE00010']!.BulkDataURI!.endsWith(`${instanceUrl(f)}/bulkdata/7FE00010`)).toBe(
        true,
      );
    }
    // Study metadata of a 4-instance study, from the index, answered the same every time (how
    // fast is measured by bench/, not asserted here: a timed check fails on a loaded machine).
    const four = await Promise.all(
      [1, 2, 3, 4].map((i) =>
        writeCxr(path.join(dir, `four-${i}.dcm`), 'explicitLE', {
          rows: 256,
          columns: 256,
          seed: 900 + i,
          study: { studyInstanceUid: '2.25.4444' },
          seriesNumber: i,
        }),
      ),
    );
    expect(
      (
        await stowAs(
          fx.app,
          'clinic1',
          four.map((f) => fs.readFileSync(f.path)),
        )
      ).statusCode,
    ).toBe(200);
    const session = await signIn(fx.app, 'clinic1');
    for (let i = 0; i < 5; i++) {
      const r = await session.request({ url: '/dicomweb/studies/2.25.4444/metadata' });
      expect(r.json()).toHaveLength(4);
    }
    const series = await as(fx.app, 'clinic1')({ url: `${instanceUrl(files[0]!)}/metadata` });
    expect(series.json()).toHaveLength(1);
  });

  it('returns native frames as little-endian octets and compressed frames as stored', async () => {
    const explicit = files.find(
      (x) => x.syntax === 'explicitLE' && x.image.photometric === 'MONOCHROME2',
    )!;
    const bigEndian = files.find(
      (x) => x.syntax === 'explicitBE' && x.image.photometric === 'MONOCHROME2',
    )!;
    const frame = async (f: WrittenFile, accept: string) => {
      const res = await as(
        fx.app,
        'clinic1',
      )({ url: `${instanceUrl(f)}/frames/1`, headers: { accept } });
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      return { res, parts: await partsOf(res) };
    };
    const native = await frame(
      explicit,
      'multipart/related; type="application/octet-stream"; transfer-syntax=*',
    );
    const pixels = elements(fs.readFileSync(explicit.path)).dict['7FE00010']!
      .Value![0] as ArrayBuffer;
    expect(native.parts).toHaveLength(1);
    expect(native.parts[0]!.headers['content-type']).toContain('application/octet-stream');
    expect(native.parts[0]!.body.length).toBe(64 * 64 * 2);
    expect(native.parts[0]!.body.equals(Buffer.from(pixels))).toBe(true);
    const be = await frame(bigEndian, 'multipart/related; type="application/octet-stream"');
    expect(be.parts[0]!.body.equals(Buffer.from(pixels)), 'big endian swapped to little').toBe(
      true,
    );

    const jls = files.find((x) => x.syntax === 'jpegLsLossless')!;
    const comp = await frame(
      jls,
      'multipart/related; type="application/octet-stream"; transfer-syntax=*',
    );
    expect(comp.parts[0]!.headers['content-type']).toBe(
      'application/octet-stream; transfer-syntax=1.2.840.10008.1.2.4.80',
    );
    const stored = fs.readFileSync(jls.path);
    expect(comp.parts[0]!.body.subarray(0, 2).toString('hex')).toBe('ffd8');
    expect(stored.includes(comp.parts[0]!.body)).toBe(true);
    const typed = await frame(
      files.find((x) => x.syntax === 'htj2kLossless')!,
      'multipart/related; type="image/jphc"',
    );
    expect(typed.res.headers['content-type']).toContain('type="image/jphc"');
    const missing = await as(fx.app, 'clinic1')({ url: `${instanceUrl(jls)}/frames/2` });
    expect(missing.statusCode).toBe(404);
    const bulk = await as(fx.app, 'clinic1')({ url: `${instanceUrl(explicit)}/bulkdata/7FE00010` });
    expect((await partsOf(bulk))[0]!.body.equals(Buffer.from(pixels))).toBe(true);
  });
});
