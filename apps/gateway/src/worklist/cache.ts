import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { GatewayWorklist } from '@telerad/contracts';
import { z } from 'zod';
import type { Logger } from '../log';
import { writeFileDurably } from '../queue/durable';

/** The file the last worklist from the centre is kept in, under the data directory. */
export const WORKLIST_CACHE_FILE = 'worklist.json';

/** What is on disk: the centre's last answer, its tag, and when this gateway got it. */
const CachedWorklist = z.object({
  etag: z.string().nullable(),
  syncedAt: z.iso.datetime(),
  worklist: GatewayWorklist,
});
type CachedWorklist = z.infer<typeof CachedWorklist>;

/**
 * The clinic's worklist as the centre last sent it, kept on disk so a restarted gateway answers
 * its X-ray units from it with no link at all. Each new answer replaces the file whole (temporary
 * file, fsync, rename, directory fsync): a crash leaves the old list or the new one.
 */
export class WorklistCache {
  private constructor(
    private readonly file: string,
    private cached: CachedWorklist | null,
  ) {}

  /** Reads the cache in `dataDir`; an absent or unreadable file is an empty cache (logged). */
  static async open(dataDir: string, log: Logger): Promise<WorklistCache> {
    const file = path.join(dataDir, WORKLIST_CACHE_FILE);
    let cached: CachedWorklist | null = null;
    try {
      cached = CachedWorklist.parse(JSON.parse(await readFile(file, 'utf8')));
      log.info(
        { event: 'worklist.cacheLoaded', items: cached.worklist.items.length },
        'worklist cache loaded',
      );
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
        log.warn(
          { event: 'worklist.cacheUnreadable', err: (e as Error).message },
          'the worklist cache could not be read; it is rebuilt at the next sync',
        );
    }
    return new WorklistCache(file, cached);
  }

  /** The tag of the cached answer, for the centre's cheap "not modified". */
  get etag(): string | null {
    return this.cached?.etag ?? null;
  }

  get syncedAt(): string | null {
    return this.cached?.syncedAt ?? null;
  }

  get worklist(): GatewayWorklist | null {
    return this.cached?.worklist ?? null;
  }

  /** Keeps a new answer from the centre, durably, before it is used. */
  async replace(worklist: GatewayWorklist, etag: string | null, at = new Date()): Promise<void> {
    const next: CachedWorklist = { etag, syncedAt: at.toISOString(), worklist };
    await writeFileDurably(this.file, JSON.stringify(next), { mode: 0o600 });
    this.cached = next;
  }

  /** The centre said nothing changed: the list is as fresh as now (kept in memory only). */
  confirm(at = new Date()): void {
    if (this.cached) this.cached = { ...this.cached, syncedAt: at.toISOString() };
  }
}
