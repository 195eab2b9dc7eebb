import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { filesystemStorage } from './storage';

let dir: string;
let FileHandle: { prototype: fsp.FileHandle };
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-storage-'));
  const fh = await fsp.open(path.join(dir, 'probe'), 'w');
  FileHandle = fh.constructor as unknown as { prototype: fsp.FileHandle };
  await fh.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** `bytes` in 64 KiB pieces; `beforeLast` runs just before the last piece is handed over. */
async function* pieces(bytes: Buffer, beforeLast: () => void) {
  for (let at = 0; at < bytes.length; at += 65536) {
    if (at + 65536 >= bytes.length) {
      await new Promise((r) => setTimeout(r, 50));
      beforeLast();
    }
    yield bytes.subarray(at, at + 65536);
  }
}

describe('filesystemStorage.stage, large objects', () => {
  it('flushes what has arrived while the rest still arrives, and keeps every byte', async () => {
    const storage = filesystemStorage(dir);
    const flush = vi.spyOn(FileHandle.prototype, 'datasync');
    const bytes = randomBytes(7 * 1024 * 1024 + 123);
    let flushesBeforeEnd = -1;
    const staged = await storage.stage(
      Readable.from(pieces(bytes, () => (flushesBeforeEnd = flush.mock.calls.length))),
      1 << 30,
    );
    expect(flushesBeforeEnd).toBeGreaterThanOrEqual(1);
    const key = await storage.commit(staged);
    expect(key).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(fs.readFileSync(await storage.pathOf(key)).equals(bytes)).toBe(true);
  });

  it('is not durable when an early flush failed, even if the last one succeeds', async () => {
    const storage = filesystemStorage(dir);
    const real = FileHandle.prototype.datasync;
    let n = 0;
    vi.spyOn(FileHandle.prototype, 'datasync').mockImplementation(function (this: fsp.FileHandle) {
      if (n++ === 0) return Promise.reject(Object.assign(new Error('EIO'), { code: 'EIO' }));
      return real.call(this);
    });
    const staged = await storage.stage(
      Readable.from(pieces(randomBytes(5 << 20), () => {})),
      1 << 30,
    );
    await expect(staged.durable).rejects.toMatchObject({ code: 'EIO' });
    await expect(storage.commit(staged)).rejects.toMatchObject({ code: 'EIO' });
    await storage.discard(staged);
  });
});
