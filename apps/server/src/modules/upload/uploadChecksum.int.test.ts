import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { TUS, patchUpload, smallCxr } from './testSupport';

/**
 * The checksum a sender declares for a resumable upload (the `sha256` upload metadata, base64,
 * as the clinic gateway sends it; @tus/server has no checksum extension) is checked before the
 * finished file is stored: bytes changed on the way are refused with CHECKSUM_MISMATCH and
 * nothing is kept; the intact file is stored.
 */
let fx: AppFixture;
let dir: string;
let clinic1: TestClient;

beforeAll(async () => {
  fx = await appWithDemo();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-upload-sum-'));
  clinic1 = await signIn(fx.app, 'clinic1');
});
afterAll(async () => {
  await fx?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('base64');

async function createWithSum(size: number, sum: string): Promise<string> {
  const res = await clinic1.request({
    method: 'POST',
    url: '/api/uploads',
    headers: {
      ...TUS,
      'upload-length': String(size),
      'upload-metadata': `filename ${b64('gw.dcm')},sha256 ${b64(sum)}`,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return String(res.headers.location).split('/').pop()!;
}

const indexed = async (sopUid: string) =>
  (await fx.tdb.db.selectFrom('instances').select('id').where('sop_uid', '=', sopUid).execute())
    .length;

describe('upload checksum', () => {
  it('refuses a file whose bytes do not match the declared SHA-256, and stores the intact one', async () => {
    const f = await smallCxr(dir, 1, 501);
    const changed = Buffer.from(f.data);
    changed.writeUInt8(changed.readUInt8(changed.length - 5) ^ 0x01, changed.length - 5);
    const bad = await createWithSum(changed.length, sha256(f.data));
    const res = await patchUpload(clinic1, bad, 0, changed);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ outcome: 'refused', code: 'CHECKSUM_MISMATCH' });
    expect(await indexed(f.sopInstanceUid)).toBe(0);

    const good = await createWithSum(f.data.length, sha256(f.data));
    const ok = await patchUpload(clinic1, good, 0, f.data);
    expect(ok.json()).toMatchObject({ outcome: 'stored', sopUid: f.sopInstanceUid });
    expect(await indexed(f.sopInstanceUid)).toBe(1);
  });

  it('refuses a sha256 declaration that is not a SHA-256', async () => {
    const f = await smallCxr(dir, 2, 502);
    const id = await createWithSum(f.data.length, 'not-a-digest');
    const res = await patchUpload(clinic1, id, 0, f.data);
    expect(res.json()).toMatchObject({ outcome: 'refused', code: 'VALIDATION_FAILED' });
    expect(await indexed(f.sopInstanceUid)).toBe(0);
  });
});
