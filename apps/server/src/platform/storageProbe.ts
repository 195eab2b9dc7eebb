import fsp from 'node:fs/promises';
import type { DiskUsage, StorageProbe } from './storageTypes';

/** Free and total bytes of the filesystem holding `dir`, once it is known to be writable. */
export async function writableDiskUsage(dir: string): Promise<DiskUsage> {
  await fsp.access(dir, fsp.constants.W_OK);
  const s = await fsp.statfs(dir);
  return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
}

/**
 * Runs a backend's `check` and times it, giving up after `timeoutMs`: the signal aborts the
 * check's own requests, and the race settles the probe even when a request ignores the signal
 * (a hung NFS mount, an S3 endpoint that accepts and never answers).
 */
export async function boundedProbe(
  kind: StorageProbe['kind'],
  location: StorageProbe['location'],
  timeoutMs: number,
  check: (signal: AbortSignal) => Promise<DiskUsage>,
): Promise<StorageProbe> {
  const t0 = performance.now();
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    const usage = await Promise.race([check(abort.signal), timedOut]);
    const latencyMs = Math.round((performance.now() - t0) * 10) / 10;
    return { kind, ok: true, latencyMs, ...usage, location };
  } catch (e) {
    return {
      kind,
      ok: false,
      latencyMs: null,
      freeBytes: null,
      totalBytes: null,
      location,
      error: ((e as Error).message || (e as Error).name || 'failed').slice(0, 200),
    };
  } finally {
    clearTimeout(timer);
  }
}
