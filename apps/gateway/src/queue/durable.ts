import { randomUUID } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * fsync a directory so that the renames and unlinks inside it survive a power cut (a rename is
 * durable only once its directory is synced, POSIX fsync(2) and ext4's documentation).
 */
export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes `data` to a temporary file next to `file`, fsyncs it, and renames it over `file`; the
 * directory is fsynced unless `syncDir` is false (the caller syncs it once for several renames).
 * A crash leaves either the old file or the new one, never a torn one.
 */
export async function writeFileDurably(
  file: string,
  data: string | Buffer,
  opts: { mode?: number; syncDir?: boolean; tmpDir?: string } = {},
): Promise<void> {
  const tmp = path.join(
    opts.tmpDir ?? path.dirname(file),
    `.${path.basename(file)}.${randomUUID()}.tmp`,
  );
  const handle = await open(tmp, 'wx', opts.mode ?? 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (e) {
    await handle.close();
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await handle.close();
  await rename(tmp, file);
  if (opts.syncDir !== false) await fsyncDir(path.dirname(file));
}
