import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';

/** File-system steps of the object storage (`storage.ts`). */

/** Writes every byte of `buffers`, without joining them (writev may write less than asked). */
export async function writeAll(fh: fsp.FileHandle, buffers: Buffer[]): Promise<void> {
  let rest = buffers;
  while (rest.length > 0) {
    let { bytesWritten } = await fh.writev(rest);
    let i = 0;
    while (i < rest.length && bytesWritten >= rest[i]!.length) bytesWritten -= rest[i++]!.length;
    rest = rest.slice(i);
    if (bytesWritten > 0) rest[0] = rest[0]!.subarray(bytesWritten);
  }
}

/**
 * Open descriptors of recently used object directories, so making a rename durable is one
 * fsync on the thread pool rather than open + fsync + close, and never blocks the event loop
 * (several associations store at once). Bounded; the oldest is closed first.
 */
const DIR_FDS_MAX = 300;
const dirFds = new Map<string, Promise<fsp.FileHandle>>();

export async function fsyncDir(dir: string): Promise<void> {
  let handle = dirFds.get(dir);
  if (handle) {
    dirFds.delete(dir); // re-insert: most recently used last
  } else {
    handle = fsp.open(dir, 'r');
    handle.catch(() => dirFds.delete(dir));
  }
  dirFds.set(dir, handle);
  if (dirFds.size > DIR_FDS_MAX) {
    const [oldest, fh] = dirFds.entries().next().value as [string, Promise<fsp.FileHandle>];
    dirFds.delete(oldest);
    void fh.then((h) => h.close()).catch(() => undefined);
  }
  await (await handle).sync();
}

/** The SHA-256 of a file's bytes, or null when it cannot be read. */
export async function hashFile(file: string): Promise<string | null> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }))
      hash.update(chunk as Buffer);
  } catch {
    return null;
  }
  return hash.digest('hex');
}
