import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { part10, quietLog, stageBytes, tempDir } from '../testSupport';
import { DiskQueue, type InstanceFacts } from './diskQueue';

const facts = (
  sopInstanceUid: string,
  priority: InstanceFacts['priority'] = 'routine',
): InstanceFacts => ({
  sopInstanceUid,
  sopClassUid: '1.2.840.10008.5.1.4.1.1.7',
  studyInstanceUid: '1.2.3',
  transferSyntaxUid: '1.2.840.10008.1.2.1',
  priority,
});

async function queueWith(dir: string) {
  return DiskQueue.open(dir, quietLog());
}

describe('DiskQueue', () => {
  it('offers urgent items first, then the oldest, and hides deferred ones until due', async () => {
    const q = await queueWith(await tempDir());
    await q.enqueue(await stageBytes(q, part10().bytes), facts('1.1'), 1000);
    await q.enqueue(await stageBytes(q, part10().bytes), facts('1.2'), 2000);
    await q.enqueue(await stageBytes(q, part10().bytes), facts('1.3', 'urgent'), 3000);
    await q.enqueue(await stageBytes(q, part10().bytes), facts('1.4', 'urgent'), 2500);
    expect((await q.ready(10, 5000)).map((i) => i.sopInstanceUid)).toEqual([
      '1.4',
      '1.3',
      '1.1',
      '1.2',
    ]);
    const first = (await q.ready(1, 5000))[0]!;
    await q.fail(first.id, 'centre unreachable', 9000);
    expect((await q.ready(10, 5000)).map((i) => i.sopInstanceUid)).toEqual(['1.3', '1.1', '1.2']);
    expect((await q.ready(10, 9000))[0]!.sopInstanceUid).toBe('1.4');
    expect(await q.stats()).toMatchObject({ depth: 4, urgent: 2, oldestAt: 1000 });
  });

  it('queues the same SOP Instance with the same bytes once, and with other bytes beside it', async () => {
    const dir = await tempDir();
    const q = await queueWith(dir);
    const one = part10({ sopInstanceUid: '1.9' });
    const a = await q.enqueue(await stageBytes(q, one.bytes), facts('1.9'));
    const b = await q.enqueue(await stageBytes(q, one.bytes), facts('1.9'));
    expect(b).toMatchObject({ duplicate: true, item: { id: a.item.id } });
    const other = await q.enqueue(
      await stageBytes(q, part10({ sopInstanceUid: '1.9' }).bytes),
      facts('1.9'),
    );
    expect(other.duplicate).toBe(false);
    expect((await q.stats()).depth).toBe(2);
    expect(await readdir(path.join(dir, 'queue', 'tmp'))).toEqual([]);
  });

  it('keeps acknowledged items byte-identical across a restart and persists failures', async () => {
    const dir = await tempDir();
    const q = await queueWith(dir);
    const one = part10();
    const { item } = await q.enqueue(
      await stageBytes(q, one.bytes),
      facts(one.sopInstanceUid, 'urgent'),
    );
    await q.fail(item.id, 'HTTP 503', 12345);
    const again = await queueWith(dir);
    const [back] = await again.ready(10, 20000);
    expect(back).toMatchObject({
      id: item.id,
      attempts: 1,
      notBefore: 12345,
      lastError: 'HTTP 503',
      priority: 'urgent',
    });
    expect(Buffer.compare(await readFile(back!.path), one.bytes)).toBe(0);
    await again.complete(item.id);
    expect((await (await queueWith(dir)).stats()).depth).toBe(0);
    expect(await readdir(path.join(dir, 'queue', 'items'))).toEqual([]);
  });

  it('removes what a crash left half-written: tmp files, data without sidecar, sidecar without data', async () => {
    const dir = await tempDir();
    const q = await queueWith(dir);
    const kept = await q.enqueue(await stageBytes(q, part10().bytes), facts('2.1'));
    const items = path.join(dir, 'queue', 'items');
    await writeFile(path.join(dir, 'queue', 'tmp', 'x.part'), 'half');
    await writeFile(path.join(items, '2.2_abc.dcm'), 'no sidecar');
    await writeFile(path.join(items, '2.3_abc.json'), '{"v":1}');
    const reopened = await queueWith(dir);
    expect((await reopened.ready(10)).map((i) => i.id)).toEqual([kept.item.id]);
    expect((await readdir(items)).sort()).toEqual([`${kept.item.id}.dcm`, `${kept.item.id}.json`]);
    expect(await readdir(path.join(dir, 'queue', 'tmp'))).toEqual([]);
  });

  it('wakes a waiting transfer loop when an item arrives', async () => {
    const q = await queueWith(await tempDir());
    let woke = false;
    const waiting = q.whenReady().then(() => (woke = true));
    await Promise.resolve();
    expect(woke).toBe(false);
    await q.enqueue(await stageBytes(q, part10().bytes), facts('3.1'));
    await waiting;
    expect(woke).toBe(true);
    const abort = new AbortController();
    await expect(q.whenReady(abort.signal)).resolves.toBeUndefined();
  });
});

describe('DiskQueue identity', () => {
  it('recognises the same dataset under another meta group (another sender, a CD copy)', async () => {
    const q = await queueWith(await tempDir());
    const { bytes, sopInstanceUid } = part10();
    const metaEnd = 144 + bytes.readUInt32LE(140);
    // Same dataset, but the meta group names another source AE (0002,0016) and is longer.
    const source = Buffer.from('\u0002\u0000\u0016\u0000AE\u0008\u0000PACS_B  ', 'latin1');
    const meta = Buffer.concat([bytes.subarray(0, metaEnd), source]);
    meta.writeUInt32LE(bytes.readUInt32LE(140) + source.length, 140);
    const resent = Buffer.concat([meta, bytes.subarray(metaEnd)]);
    const first = await q.enqueue(await stageBytes(q, bytes), facts(sopInstanceUid));
    const again = await q.enqueue(await stageBytes(q, resent), facts(sopInstanceUid));
    expect(again).toMatchObject({ duplicate: true, item: { id: first.item.id } });
  });
});
