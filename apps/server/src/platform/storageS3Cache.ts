import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

/** The read cache's default bound (`TELERAD_S3_CACHE_MB`), in bytes. */
export const DEFAULT_S3_CACHE_BYTES = 2048 * 1024 * 1024;

/**
 * The S3 backend's local read cache (`s3-cache/ab/<sha256>`, docs/adr/0046), bounded to
 * `maxBytes`: once a download takes it past the bound, the least recently used files go. A file
 * being read through `pin()` is never removed, nor is one being downloaded (it is a `.part` file
 * until verified, and not an entry yet). A file handed out by path is the most recently used
 * one, and a reader that has opened it keeps its bytes on Linux even if it is removed later.
 */
export class S3ReadCache {
  /** Entries in use order, least recent first (a Map keeps insertion order). */
  private readonly entries = new Map<string, number>();
  private readonly pins = new Map<string, number>();
  private total = 0;

  constructor(
    readonly dir: string,
    readonly maxBytes: number,
  ) {
    fs.mkdirSync(dir, { recursive: true });
    this.adoptExisting();
  }

  /** Where `key`'s verified copy lives (whether or not it is there). */
  pathOf(key: string): string {
    return path.join(this.dir, key.slice(0, 2), key);
  }

  /** Bytes the cached files hold, as this process counts them. */
  get bytes(): number {
    return this.total;
  }

  /** Whether `key` is cached; marks it most recently used when it is. */
  has(key: string): boolean {
    const size = this.entries.get(key);
    if (size === undefined) return false;
    this.entries.delete(key);
    this.entries.set(key, size);
    return true;
  }

  /** Records a file just renamed into place, then trims the cache to its bound. */
  async added(key: string, size: number): Promise<void> {
    const before = this.entries.get(key);
    if (before !== undefined) this.total -= before;
    this.entries.delete(key);
    this.entries.set(key, size);
    this.total += size;
    await this.trim();
  }

  /** Keeps `key` from eviction until the returned release runs (once). */
  pin(key: string): () => void {
    this.pins.set(key, (this.pins.get(key) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const n = (this.pins.get(key) ?? 1) - 1;
      if (n > 0) this.pins.set(key, n);
      else this.pins.delete(key);
    };
  }

  /** Removes least recently used, unpinned files until the total is within the bound. */
  private async trim(): Promise<void> {
    for (const [key, size] of this.entries) {
      if (this.total <= this.maxBytes) return;
      if (this.pins.has(key)) continue;
      this.entries.delete(key);
      this.total -= size;
      await fsp.rm(this.pathOf(key), { force: true });
    }
  }

  /**
   * Counts what an earlier process left, oldest first by modification time, and drops the
   * `.part` files of downloads it did not finish (never verified, so never to be read).
   */
  private adoptExisting(): void {
    const found: { key: string; size: number; mtime: number }[] = [];
    for (const name of fs.readdirSync(this.dir, { recursive: true, encoding: 'utf8' })) {
      const file = path.join(this.dir, name);
      const st = fs.statSync(file, { throwIfNoEntry: false });
      if (!st?.isFile()) continue;
      const base = path.basename(name);
      if (!/^[0-9a-f]{64}$/.test(base)) fs.rmSync(file, { force: true });
      else found.push({ key: base, size: st.size, mtime: st.mtimeMs });
    }
    found.sort((a, b) => a.mtime - b.mtime);
    for (const f of found) {
      this.entries.set(f.key, f.size);
      this.total += f.size;
    }
  }
}
