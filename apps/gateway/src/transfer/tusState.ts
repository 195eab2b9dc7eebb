import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Where a resumable upload of a queue item stands, kept in `<dataDir>/transfer/tus/` beside the
 * queue: its tus URL and the SHA-256 of the exact bytes being sent. After a cut link, a restart
 * or a kill the next try asks that URL for its offset (HEAD) and sends only the rest. Written
 * with a rename, so a crash leaves the old record or the new one, never half of one.
 */
export interface TusRecord {
  url: string;
  /** base64 SHA-256 of the bytes this upload carries. */
  sha256: string;
  bytes: number;
}

/** The store of upload records under `dir`. */
export class TusState {
  constructor(private readonly dir: string) {}

  private file(itemId: string): string {
    // Item ids may hold any character: the file is named by their hash.
    return path.join(this.dir, `${createHash('sha256').update(itemId).digest('hex')}.json`);
  }

  /** The record of `itemId`, or undefined. */
  async get(itemId: string): Promise<TusRecord | undefined> {
    try {
      return JSON.parse(await fs.readFile(this.file(itemId), 'utf8')) as TusRecord;
    } catch {
      return undefined;
    }
  }

  /** Records (durably) where the upload of `itemId` lives. */
  async set(itemId: string, rec: TusRecord): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    const target = this.file(itemId);
    const tmp = `${target}.${process.pid}.tmp`;
    const fh = await fs.open(tmp, 'w');
    try {
      await fh.writeFile(JSON.stringify(rec));
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.rename(tmp, target);
  }

  /** Forgets the upload of `itemId` (finished, or to start afresh). */
  async delete(itemId: string): Promise<void> {
    await fs.rm(this.file(itemId), { force: true });
  }
}
