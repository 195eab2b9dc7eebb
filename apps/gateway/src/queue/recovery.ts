import { readdir, readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { fsyncDir } from './durable';
import type { QueueItem } from './types';

/** The sidecar `<id>.json`: the item without its path (the path follows from the directory). */
export const Sidecar = z.object({
  v: z.literal(1),
  id: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  sopInstanceUid: z.string(),
  sopClassUid: z.string(),
  studyInstanceUid: z.string(),
  transferSyntaxUid: z.string(),
  priority: z.enum(['urgent', 'routine']),
  enqueuedAt: z.number(),
  attempts: z.number().int().nonnegative(),
  notBefore: z.number(),
  lastError: z.string().nullable(),
});
export type Sidecar = z.infer<typeof Sidecar>;

/** The sidecar of `item`. */
export function sidecarOf(item: QueueItem): Sidecar {
  const { path: _path, ...rest } = item;
  return { v: 1, ...rest };
}

/**
 * Rebuilds the index from `<root>/items` after a start, a crash or a reboot (docs/adr/0031):
 * - everything in `tmp/` is a write that never completed, so was never acknowledged: removed;
 * - a `.dcm` with a sidecar whose size matches is an item;
 * - a `.dcm` without a sidecar, a sidecar without its `.dcm`, or a size that does not match is
 *   a commit cut short before its acknowledgement: removed.
 * Reads the directory only (the instance files are not re-hashed: they were fsynced before
 * their sidecar was written).
 */
export async function recoverQueue(
  root: string,
): Promise<{ items: Map<string, QueueItem>; removed: number }> {
  const tmpDir = path.join(root, 'tmp');
  const itemsDir = path.join(root, 'items');
  let removed = 0;
  for (const name of await readdir(tmpDir)) {
    await unlink(path.join(tmpDir, name)).catch(() => undefined);
    removed++;
  }
  const names = new Set(await readdir(itemsDir));
  const items = new Map<string, QueueItem>();
  const keep = new Set<string>();
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const id = name.slice(0, -'.json'.length);
    const dcm = path.join(itemsDir, `${id}.dcm`);
    const sidecar = await readSidecar(path.join(itemsDir, name));
    const size = names.has(`${id}.dcm`) ? (await stat(dcm)).size : -1;
    if (sidecar && sidecar.id === id && size === sidecar.bytes) {
      const { v: _v, ...rest } = sidecar;
      items.set(id, { ...rest, path: dcm });
      keep.add(name).add(`${id}.dcm`);
    }
  }
  for (const name of names)
    if (!keep.has(name)) {
      await unlink(path.join(itemsDir, name)).catch(() => undefined);
      removed++;
    }
  if (removed) await fsyncDir(itemsDir);
  return { items, removed };
}

async function readSidecar(file: string): Promise<Sidecar | null> {
  try {
    return Sidecar.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    return null;
  }
}
