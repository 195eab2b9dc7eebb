import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Sidecar } from './recovery';
import type { QueueStats } from './types';

/**
 * The queue's stats read from its sidecars without touching anything, for `status` while the
 * gateway is stopped (recovery, which removes half-written files, is the running gateway's job).
 */
export async function readQueueStats(dataDir: string): Promise<QueueStats> {
  const dir = path.join(dataDir, 'queue', 'items');
  const stats: QueueStats = { depth: 0, bytes: 0, urgent: 0, oldestAt: null };
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return stats;
  }
  const present = new Set(names);
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const parsed = Sidecar.safeParse(
      JSON.parse(await readFile(path.join(dir, name), 'utf8').catch(() => 'null')),
    );
    if (!parsed.success || !present.has(`${parsed.data.id}.dcm`)) continue;
    const s = parsed.data;
    stats.depth++;
    stats.bytes += s.bytes;
    if (s.priority === 'urgent') stats.urgent++;
    if (stats.oldestAt === null || s.enqueuedAt < stats.oldestAt) stats.oldestAt = s.enqueuedAt;
  }
  return stats;
}
