import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { writeCxr, type WrittenFile } from '../../testing/dicomFixtures';
import { as, stowAs } from './testSupport';

/** Rendered and thumbnail resources: decoded, windowed, inverted for MONOCHROME1, scaled. */
let fx: AppFixture;
let dir: string;
const f: Record<string, WrittenFile> = {};

beforeAll(async () => {
  fx = await appWithDemo();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-render-'));
  const study = { studyInstanceUid: '2.25.5550001', description: 'Render' };
  const make = async (
    key: string,
    syntax: string,
    photometric: 'MONOCHROME1' | 'MONOCHROME2',
    seriesNumber: number,
  ) => {
    f[key] = await writeCxr(path.join(dir, `${key}.dcm`), syntax, {
      rows: 600,
      columns: 480,
      bitsStored: 12,
      photometric,
      seed: 7,
      study,
      seriesNumber,
      instanceNumber: 1,
    });
  };
  await make('mono2', 'explicitLE', 'MONOCHROME2', 1);
  await make('mono1', 'explicitLE', 'MONOCHROME1', 2);
  await make('j2k', 'j2kLossless', 'MONOCHROME2', 3);
  await make('jls1', 'jpegLsLossless', 'MONOCHROME1', 4);
  const res = await stowAs(
    fx.app,
    'clinic1',
    Object.values(f).map((x) => fs.readFileSync(x.path)),
  );
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(async () => {
  await fx?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const url = (x: WrittenFile) =>
  `/dicomweb/studies/${x.studyInstanceUid}/series/${x.seriesInstanceUid}/instances/${x.sopInstanceUid}`;

async function image(u: string, accept = 'image/jpeg') {
  const res = await as(fx.app, 'clinic1')({ url: u, headers: { accept } });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe(accept === 'image/png' ? 'image/png' : 'image/jpeg');
  const img = sharp(res.rawPayload);
  const meta = await img.metadata();
  const { data } = await img.greyscale().raw().toBuffer({ resolveWithObject: true });
  const mean = data.reduce((a, b) => a + b, 0) / data.length;
  return { meta, data, mean };
}

describe('rendered and thumbnail', () => {
  it('renders 12-bit MONOCHROME2 and MONOCHROME1 as JPEG at full size, MONOCHROME1 inverted', async () => {
    const m2 = await image(`${url(f.mono2!)}/rendered`);
    expect(m2.meta).toMatchObject({ format: 'jpeg', width: 480, height: 600 });
    const m1 = await image(`${url(f.mono1!)}/rendered`);
    expect(m1.meta).toMatchObject({ format: 'jpeg', width: 480, height: 600 });
    // The fixtures store MONOCHROME1 as the inverse of the MONOCHROME2 pixels: through a window
    // centred on the range, the inverted rendering must match MONOCHROME2 pixel for pixel.
    const w = '?window=2048,4096';
    const a = await image(`${url(f.mono2!)}/rendered${w}`, 'image/png');
    const b = await image(`${url(f.mono1!)}/rendered${w}`, 'image/png');
    let worst = 0;
    for (let i = 0; i < a.data.length; i++)
      worst = Math.max(worst, Math.abs(a.data[i]! - b.data[i]!));
    expect(worst).toBeLessThanOrEqual(2);
    expect(Math.abs(a.mean - (255 - b.mean))).toBeGreaterThan(20);
    expect(m2.mean).toBeGreaterThan(10);
    expect(m2.mean).toBeLessThan(245);
  });

  it('applies the window parameter', async () => {
    const base = await image(`${url(f.mono2!)}/rendered?window=2048,4096,linear`);
    const narrow = await image(`${url(f.mono2!)}/rendered?window=3000,200`);
    const low = await image(`${url(f.mono2!)}/rendered?window=500,200`);
    expect(narrow.mean).not.toBeCloseTo(base.mean, 0);
    expect(low.mean).toBeGreaterThan(narrow.mean);
    let differing = 0;
    for (let i = 0; i < base.data.length; i++)
      if (Math.abs(base.data[i]! - narrow.data[i]!) > 8) differing++;
    expect(differing / base.data.length).toBeGreaterThan(0.2);
    const bad = await as(fx.app, 'clinic1')({ url: `${url(f.mono2!)}/rendered?window=1,0` });
    expect(bad.statusCode).toBe(400);
  });

  it('renders compressed syntaxes, as PNG when asked, and frame resources too', async () => {
    const j2k = await image(`${url(f.j2k!)}/rendered`, 'image/png');
    expect(j2k.meta).toMatchObject({ format: 'png', width: 480, height: 600 });
    const plain = await image(`${url(f.mono2!)}/rendered`, 'image/png');
    expect(Math.abs(j2k.mean - plain.mean)).toBeLessThan(1);
    const jls = await image(`${url(f.jls1!)}/frames/1/rendered`);
    expect(jls.meta.width).toBe(480);
    const refused = await as(
      fx.app,
      'clinic1',
    )({ url: `${url(f.mono2!)}/rendered`, headers: { accept: 'application/json' } });
    expect(refused.statusCode).toBe(406);
  });

  it('makes thumbnails within 256 px and honours viewport', async () => {
    const t = await image(`${url(f.mono2!)}/thumbnail`);
    expect(Math.max(t.meta.width!, t.meta.height!)).toBe(256);
    expect(t.meta.width).toBe(205);
    const vp = await image(`${url(f.mono1!)}/rendered?viewport=100,100`);
    expect([vp.meta.width, vp.meta.height]).toEqual([80, 100]);
    const crop = await image(`${url(f.mono1!)}/rendered?viewport=50,50,0,0,100,100`);
    expect([crop.meta.width, crop.meta.height]).toEqual([50, 50]);
    const study = await image(`/dicomweb/studies/${f.mono2!.studyInstanceUid}/thumbnail`);
    expect(Math.max(study.meta.width!, study.meta.height!)).toBe(256);
    const series = await image(
      `/dicomweb/studies/${f.j2k!.studyInstanceUid}/series/${f.j2k!.seriesInstanceUid}/thumbnail`,
    );
    expect(series.meta.height).toBe(256);
  });
});
