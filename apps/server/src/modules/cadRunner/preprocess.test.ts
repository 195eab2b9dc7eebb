import { describe, expect, it } from 'vitest';
import { resizeArea, toModelInput, windowToUnit, type GreyImage } from './preprocess';
import type { CadRunnerSettings } from './settings';

/** A grey image from rows of values. */
const image = (rows: number[][], extra: Partial<GreyImage> = {}): GreyImage => ({
  rows: rows.length,
  columns: rows[0]!.length,
  values: Float32Array.from(rows.flat()),
  inverted: false,
  window: null,
  ...extra,
});

const input = (over: Partial<CadRunnerSettings['input']> = {}): CadRunnerSettings['input'] => ({
  name: 'x',
  height: 2,
  width: 2,
  channels: 1,
  layout: 'NCHW',
  window: { mode: 'minmax' },
  mean: [0],
  std: [1],
  ...over,
});

describe('windowing to 0..1', () => {
  it('maps min/max, a fixed range (clamped) and MONOCHROME1 inverted', () => {
    const img = image([[10, 20, 30, 50]]);
    expect([...windowToUnit(img, { mode: 'minmax' })]).toEqual([0, 0.25, 0.5, 1]);
    expect([...windowToUnit(img, { mode: 'range', low: 20, high: 40 })]).toEqual([0, 0, 0.5, 1]);
    expect([...windowToUnit({ ...img, inverted: true }, { mode: 'minmax' })]).toEqual([
      1, 0.75, 0.5, 0,
    ]);
    expect([...windowToUnit(image([[7, 7]]), { mode: 'minmax' })]).toEqual([0, 0]);
  });

  it("uses the header's window by the linear function of PS3.3 C.11.2.1.2.1, else min/max", () => {
    // c = 100.5, w = 101: 50 and below → 0, 150 and above → 1, linear between.
    const img = image([[0, 50, 100, 150, 200]], { window: { center: 100.5, width: 101 } });
    expect([...windowToUnit(img, { mode: 'header' })]).toEqual([0, 0, 0.5, 1, 1]);
    const threshold = { ...img, window: { center: 100.5, width: 1 } };
    expect([...windowToUnit(threshold, { mode: 'header' })]).toEqual([0, 0, 0, 1, 1]);
    expect([...windowToUnit({ ...img, window: null }, { mode: 'header' })]).toEqual([
      0, 0.25, 0.5, 0.75, 1,
    ]);
  });
});

describe('area resizing', () => {
  it('averages blocks on an integer reduction', () => {
    const plane = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    expect([...resizeArea(plane, 4, 4, 2, 2)]).toEqual([3.5, 5.5, 11.5, 13.5]);
  });

  it('weights partly covered pixels by their share and keeps the mean', () => {
    // 3 → 2 across: the first output covers pixel 0 and half of pixel 1.
    const out = resizeArea(Float32Array.from([0, 3, 6]), 1, 3, 1, 2);
    expect(out[0]).toBeCloseTo((0 + 1.5) / 1.5, 6);
    expect(out[1]).toBeCloseTo((1.5 + 6) / 1.5, 6);
    expect((out[0]! + out[1]!) / 2).toBeCloseTo(3, 6);
  });

  it('enlarges a smaller image by repeating what each output pixel covers', () => {
    expect([...resizeArea(Float32Array.from([2, 4]), 1, 2, 2, 4)]).toEqual([
      2, 2, 4, 4, 2, 2, 4, 4,
    ]);
  });
});

describe('the model input', () => {
  const img = image([
    [0, 0, 4, 4],
    [0, 0, 4, 4],
    [8, 8, 12, 12],
    [8, 8, 12, 12],
  ]);

  it('windows, resizes and normalises, channel-first', () => {
    const x = toModelInput(img, input({ mean: [0.5], std: [0.25] }));
    expect(x.dims).toEqual([1, 1, 2, 2]);
    // min/max: 0, 1/3, 2/3, 1 → (v − 0.5) / 0.25
    const want = [0, 1 / 3, 2 / 3, 1].map((v) => (v - 0.5) / 0.25);
    [...x.data].forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 6));
  });

  it('copies the grey plane into each channel with its own mean and std, in either layout', () => {
    const three = input({ channels: 3, mean: [0, 0.5, 1], std: [1, 1, 2] });
    const nchw = toModelInput(img, three);
    expect(nchw.dims).toEqual([1, 3, 2, 2]);
    const third = [-1, -1 + 1 / 3, -1 + 2 / 3, 0].map((v) => v / 2);
    [...nchw.data.subarray(8, 12)].forEach((v, i) => expect(v).toBeCloseTo(third[i]!, 6));
    const nhwc = toModelInput(img, { ...three, layout: 'NHWC' });
    expect(nhwc.dims).toEqual([1, 2, 2, 3]);
    // Pixel 1 (value 1/3) in its three channels, next to each other.
    expect(nhwc.data[3]).toBeCloseTo(1 / 3, 6);
    expect(nhwc.data[4]).toBeCloseTo(1 / 3 - 0.5, 6);
    expect(nhwc.data[5]).toBeCloseTo((1 / 3 - 1) / 2, 6);
  });
});
