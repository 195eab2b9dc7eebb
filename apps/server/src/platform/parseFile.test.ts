import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFile } from './parseFile';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-parsefile-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A file of `size` bytes, each the low byte of its offset times 7. */
function patterned(size: number): { file: string; bytes: Buffer } {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 7) & 0xff;
  const file = path.join(dir, `f-${size}`);
  fs.writeFileSync(file, bytes);
  return { file, bytes };
}

describe('parseFile', () => {
  it('gives a parser the bytes a file read would, across windows and past the end', async () => {
    const { file, bytes } = patterned(1_000_003);
    const ranges: [number, number][] = [
      [0, 132],
      [300_000, 8],
      [262_140, 10], // across the first window's end
      [999_990, 100], // past the end: short
      [2_000_000, 4], // wholly past the end: empty
      [100, 600_000], // longer than a window
    ];
    let runs = 0;
    const got = await parseFile(file, (read, size) => {
      runs++;
      expect(size).toBe(bytes.length);
      return ranges.map(([o, l]) => Buffer.from(read(o, l)));
    });
    expect(got).toEqual(ranges.map(([o, l]) => bytes.subarray(o, Math.min(o + l, bytes.length))));
    // One run per range that needed loading, then the one that returned.
    expect(runs).toBeLessThanOrEqual(ranges.length + 1);
  });

  it("passes the parser's own errors on, and reads nothing more", async () => {
    const { file } = patterned(10);
    let runs = 0;
    await expect(
      parseFile(file, (read) => {
        runs++;
        read(0, 4);
        throw new Error('not DICOM');
      }),
    ).rejects.toThrow('not DICOM');
    expect(runs).toBe(2);
  });
});
