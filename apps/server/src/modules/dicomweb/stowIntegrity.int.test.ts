import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { writeCxr } from '../../testing/dicomFixtures';
import { stagingEmpty } from '../../testing/staging';
import { as, stowItems } from './testSupport';

/**
 * What the clinic gateway relies on when it sends: an RFC 9530 Content-Digest on a part is
 * checked before the object is stored (a changed object is refused, CHECKSUM_MISMATCH, and not
 * kept), and a gzip-encoded request body (RFC 9110 §8.4) is inflated, with a bound.
 */
let fx: AppFixture;
let dir: string;
let n = 0;

beforeAll(async () => {
  fx = await appWithDemo();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-stow-digest-'));
});
afterAll(async () => {
  await fx?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function cxr() {
  const f = await writeCxr(path.join(dir, `cxr-${++n}.dcm`), 'explicitLE', {
    rows: 32,
    columns: 32,
    seed: 100 + n,
  });
  return { ...f, bytes: fs.readFileSync(f.path) };
}

const digestOf = (b: Buffer) => `sha-256=:${createHash('sha256').update(b).digest('base64')}:`;

/** A STOW body whose parts carry the given extra headers. */
function body(parts: { bytes: Buffer; headers?: Record<string, string> }[]) {
  const boundary = 'digest-test-boundary';
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const extra = Object.entries(p.headers ?? {})
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    chunks.push(
      Buffer.from(`\r\n--${boundary}\r\nContent-Type: application/dicom\r\n${extra}\r\n`),
      p.bytes,
    );
  }
  chunks.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    contentType: `multipart/related; type="application/dicom"; boundary=${boundary}`,
  };
}

const indexed = async (sopUid: string) =>
  (await fx.tdb.db.selectFrom('instances').select('id').where('sop_uid', '=', sopUid).execute())
    .length;

describe('STOW-RS integrity checks', () => {
  it('stores a part whose Content-Digest matches and refuses one changed on the way', async () => {
    const good = await cxr();
    const bad = await cxr();
    const changed = Buffer.from(bad.bytes);
    changed.writeUInt8(changed.readUInt8(changed.length - 10) ^ 0xff, changed.length - 10); // one pixel byte flipped after the digest was taken
    const { payload, contentType } = body([
      { bytes: good.bytes, headers: { 'content-digest': digestOf(good.bytes) } },
      { bytes: changed, headers: { 'content-digest': digestOf(bad.bytes) } },
    ]);
    const res = await as(
      fx.app,
      'clinic1',
    )({
      method: 'POST',
      url: '/dicomweb/studies',
      payload,
      headers: { 'content-type': contentType },
    });
    expect(res.statusCode).toBe(202);
    const { stored, failed } = stowItems(res);
    expect(stored.map((s) => s.sopUid)).toEqual([good.sopInstanceUid]);
    expect(failed).toMatchObject([
      { sopUid: bad.sopInstanceUid, code: 'CHECKSUM_MISMATCH', reason: 0x0110 },
    ]);
    expect(failed[0]!.message).toMatch(/send it again/);
    expect(await indexed(bad.sopInstanceUid)).toBe(0);
    expect(stagingEmpty(fx.dataDir)).toBe(true);
    // The same object sent intact afterwards is stored.
    const again = body([{ bytes: bad.bytes, headers: { 'content-digest': digestOf(bad.bytes) } }]);
    const ok = await as(
      fx.app,
      'clinic1',
    )({
      method: 'POST',
      url: '/dicomweb/studies',
      payload: again.payload,
      headers: { 'content-type': again.contentType },
    });
    expect(ok.statusCode).toBe(200);
    expect(await indexed(bad.sopInstanceUid)).toBe(1);
  });

  it('inflates a gzip request body and refuses an unknown content coding', async () => {
    const f = await cxr();
    const { payload, contentType } = body([
      { bytes: f.bytes, headers: { 'content-digest': digestOf(f.bytes) } },
    ]);
    const res = await as(
      fx.app,
      'clinic1',
    )({
      method: 'POST',
      url: '/dicomweb/studies',
      payload: gzipSync(payload),
      headers: { 'content-type': contentType, 'content-encoding': 'gzip' },
    });
    expect(res.statusCode).toBe(200);
    expect(await indexed(f.sopInstanceUid)).toBe(1);
    const br = await as(
      fx.app,
      'clinic1',
    )({
      method: 'POST',
      url: '/dicomweb/studies',
      payload,
      headers: { 'content-type': contentType, 'content-encoding': 'br' },
    });
    expect(br.statusCode).toBe(415);
    expect(br.json()).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
  });

  it('stops inflating a gzip body at the largest object the archive accepts', async () => {
    const small = await buildApp({
      config: {
        dataDir: fx.dataDir,
        secureCookies: false,
        webDir: '/nonexistent',
        archive: { minFreeBytes: 0, maxObjectBytes: 1024 * 1024, stableSeconds: 1 },
      },
      db: fx.tdb.db,
      storage: fx.storage,
      jobs: fx.jobs,
    });
    await small.ready();
    try {
      // 64 MiB of zeros gzip to 64 KiB: a decompression bomb against a 1 MiB limit.
      const bomb = body([{ bytes: Buffer.alloc(64 * 1024 * 1024) }]);
      const res = await as(
        small,
        'clinic1',
      )({
        method: 'POST',
        url: '/dicomweb/studies',
        payload: gzipSync(bomb.payload),
        headers: { 'content-type': bomb.contentType, 'content-encoding': 'gzip' },
      });
      expect(res.statusCode).toBe(413);
      expect(JSON.stringify(res.json())).toContain('DICOM_TOO_LARGE');
      expect(stagingEmpty(fx.dataDir)).toBe(true);
    } finally {
      await small.close();
    }
  });
});
