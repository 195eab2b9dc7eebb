import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readMeta } from '@telerad/dicom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../server/src/modules/demo';
import { writeCxr, type WrittenFile } from '../../../server/src/testing/dicomFixtures';
import { startServer, type ServerProcess } from '../../../server/src/testing/serverProcess';
import { createTestDb, type TestDb } from '../../../server/src/testing/testDb';
import { loadCodecs } from './compress';
import { startTransfer } from './index';
import { linkProxy, MemoryQueue, RecordingStats } from './testSupport';
import type { TransferHandle } from './types';

/**
 * The gateway's transfer loop against a real Telerad server process (embedded or external
 * PostgreSQL), through a real HTTP hop that records requests and can cut the link: STOW-RS
 * batches stored once, a large instance by tus resumed mid-file after a cut, pixels exact after
 * lossless compression, and a resend after the centre restarts stored without duplicates.
 */
let tdb: TestDb;
let server: ServerProcess;
let proxy: Awaited<ReturnType<typeof linkProxy>>;
let dir: string;
let token: string;
const errors: { code: string; message: string }[] = [];
const log = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function apiToken(url: string): Promise<string> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'clinic1', password: DEMO_PASSWORD }),
  });
  const cookie = login.headers.getSetCookie().find((c) => c.startsWith('telerad_session='));
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const res = await fetch(`${url}/api/auth/tokens`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: cookie!.split(';')[0]!,
      'x-csrf-token': csrfToken,
    },
    body: JSON.stringify({ name: 'gateway transfer test', expiresInDays: 1 }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

beforeAll(async () => {
  tdb = await createTestDb({ migrate: false });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-gw-transfer-'));
  server = await startServer({ env: { DATABASE_URL: tdb.url, TELERAD_DEMO_STUDIES: '0' } });
  proxy = await linkProxy(server.url);
  token = await apiToken(server.url);
}, 180_000);
afterAll(async () => {
  await proxy?.close();
  await server?.stop();
  await tdb?.drop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const cfg = {
  compression: 'jpeg-ls',
  tusAboveBytes: 64 * 1024,
  tusChunkBytes: 64 * 1024,
  batchCount: 4,
  backoffBaseMs: 50,
  backoffCapMs: 500,
  requestTimeoutMs: 10_000,
};

function run(
  queue: MemoryQueue,
  stats = new RecordingStats(),
  config: Record<string, unknown> = cfg,
): TransferHandle {
  return startTransfer({
    config,
    queue,
    stats,
    errors: { push: (e) => errors.push(e) },
    token,
    log,
    centreUrl: proxy.url,
    dataDir: dir,
  });
}

const copies = async (sopUids: string[]) =>
  (await tdb.db.selectFrom('instances').select('sop_uid').where('sop_uid', 'in', sopUids).execute())
    .length;

let small: WrittenFile[] = [];
let large: WrittenFile;

describe('gateway transfer to a real centre', () => {
  it('sends small instances in STOW-RS batches, compressed, each stored once', async () => {
    small = [];
    for (let i = 0; i < 6; i++)
      small.push(
        await writeCxr(path.join(dir, `small-${i}.dcm`), 'explicitLE', {
          rows: 128,
          columns: 128,
          bitsStored: 12,
          seed: 40 + i,
        }),
      );
    // One the pixel codec cannot shrink (RLE already): it goes gzip-encoded.
    small.push(
      await writeCxr(path.join(dir, 'small-rle.dcm'), 'rleLossless', {
        rows: 64,
        columns: 64,
        seed: 47,
      }),
    );
    const queue = new MemoryQueue();
    for (const f of small) queue.enqueue(f);
    const stats = new RecordingStats();
    const t = run(queue, stats);
    try {
      await queue.drained(60_000);
    } finally {
      await t.stop();
    }
    expect(await copies(small.map((f) => f.sopInstanceUid))).toBe(small.length);
    expect(stats.successes).toBe(small.length);
    expect(stats.wireBytes).toBeLessThan(stats.originalBytes);
    const stows = proxy.log.filter((r) => r.method === 'POST' && r.path === '/dicomweb/studies');
    // 6 compressible in batches of at most 4, plus the gzip request of the RLE one.
    expect(stows.length).toBeGreaterThanOrEqual(3);
    expect(stows.every((r) => r.status === 200)).toBe(true);
  });

  it('resumes a large instance by tus from its offset after the link is cut mid-file, pixels exact', async () => {
    large = await writeCxr(path.join(dir, 'large.dcm'), 'explicitLE', {
      rows: 512,
      columns: 512,
      bitsStored: 16,
      seed: 77,
    });
    const queue = new MemoryQueue();
    queue.enqueue(large, 'urgent');
    const before = proxy.log.length;
    proxy.cutPatchAt(100 * 1024 + 12_345); // inside the second 64 KiB PATCH
    const t = run(queue);
    try {
      await queue.drained(60_000);
    } finally {
      await t.stop();
    }
    const seen = proxy.log.slice(before);
    // One upload, never started again: after the cut the gateway asked where it stood (HEAD)
    // and sent the rest from there.
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(1);
    const head = seen.findIndex((r) => r.method === 'HEAD');
    expect(head).toBeGreaterThan(0);
    const next = seen[head + 1]!;
    expect(next.method).toBe('PATCH');
    expect(next.uploadOffset).toBeGreaterThan(0);
    expect(await copies([large.sopInstanceUid])).toBe(1);

    // What the centre keeps decodes to exactly the pixels that were received.
    const res = await fetch(
      `${server.url}/dicomweb/studies/${large.studyInstanceUid}/series/${large.seriesInstanceUid}/instances/${large.sopInstanceUid}`,
      {
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'multipart/related; type="application/dicom"; transfer-syntax=*',
        },
      },
    );
    expect(res.status).toBe(200);
    const archived = partBody(Buffer.from(await res.arrayBuffer()));
    expect(readMeta((o, l) => archived.subarray(o, o + l), archived.length).transferSyntaxUid).toBe(
      '1.2.840.10008.1.2.4.80',
    );
    expect((await pixels(archived)).equals(await pixels(fs.readFileSync(large.path)))).toBe(true);
  });

  it('sends an urgent study before routine ones queued earlier', async () => {
    const files: WrittenFile[] = [];
    for (let i = 0; i < 4; i++)
      files.push(
        await writeCxr(path.join(dir, `order-${i}.dcm`), 'explicitLE', {
          rows: 64,
          columns: 64,
          seed: 300 + i,
        }),
      );
    const queue = new MemoryQueue();
    const routine = files.slice(0, 3).map((f) => queue.enqueue(f, 'routine'));
    const urgent = queue.enqueue(files[3]!, 'urgent');
    const t = run(queue, new RecordingStats(), { ...cfg, batchCount: 1, concurrency: 1 });
    try {
      await queue.drained(60_000);
    } finally {
      await t.stop();
    }
    expect(queue.completed).toEqual([urgent, ...routine]);
  });

  it("pauses on an outage without spending any item's attempts, then drains when the link is back", async () => {
    const f = await writeCxr(path.join(dir, 'outage.dcm'), 'explicitLE', {
      rows: 64,
      columns: 64,
      seed: 400,
    });
    const queue = new MemoryQueue();
    const id = queue.enqueue(f);
    const port = proxy.port;
    await proxy.close(); // connection refused from now on
    const before = errors.length;
    const t = run(queue);
    try {
      await expect.poll(() => errors.length - before, { timeout: 30_000 }).toBeGreaterThan(0);
      // Then let the loop hit the closed port several more times (backoff 50–500 ms).
      await new Promise((r) => setTimeout(r, 1500));
      expect(queue.items.get(id)).toMatchObject({ attempts: 0 });
      expect(errors.slice(before).map((e) => e.code)).toEqual(['GATEWAY_LINK_DOWN']);
      proxy = await linkProxy(server.url, port);
      await queue.drained(60_000);
    } finally {
      await t.stop();
    }
    expect(await copies([f.sopInstanceUid])).toBe(1);
  });

  it('resends after the centre restarts without storing anything twice', async () => {
    const dataDir = server.dataDir;
    await server.stop();
    server = await startServer({
      dataDir,
      env: { DATABASE_URL: tdb.url, TELERAD_DEMO_STUDIES: '0' },
    });
    await proxy.close();
    proxy = await linkProxy(server.url);
    const queue = new MemoryQueue();
    for (const f of [...small, large]) queue.enqueue(f);
    const t = run(queue);
    try {
      await queue.drained(60_000);
    } finally {
      await t.stop();
    }
    const uids = [...small, large].map((f) => f.sopInstanceUid);
    expect(await copies(uids)).toBe(uids.length);
  });
});

/** The single part of a multipart/related answer. */
function partBody(body: Buffer): Buffer {
  const start = body.indexOf('\r\n\r\n') + 4;
  const end = body.lastIndexOf('\r\n--');
  return body.subarray(start, end);
}

/** The pixel bytes of a Part 10 file, decoded to native. */
async function pixels(file: Buffer): Promise<Buffer> {
  const codecs = await loadCodecs();
  const meta = readMeta((o, l) => file.subarray(o, o + l), file.length);
  const ds = file.subarray(meta.datasetOffset);
  const t = new codecs.Transcoder(
    ds.buffer.slice(ds.byteOffset, ds.byteOffset + ds.length) as ArrayBuffer,
    meta.transferSyntaxUid,
  );
  if (meta.transferSyntaxUid !== '1.2.840.10008.1.2.1') t.transcode('1.2.840.10008.1.2.1');
  return Buffer.from((t.getElements().PixelData as ArrayBuffer[])[0]!);
}
