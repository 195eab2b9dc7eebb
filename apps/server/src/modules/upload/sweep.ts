import { FileStore } from '@tus/file-store';
import type { Db } from '../../platform/db';
import { expireOpenUploads } from './repo';
import { DEFAULT_UPLOAD_EXPIRY_MS, uploadDirectory } from './tus';

/**
 * Removes what clinics left half-sent: partial files older than the expiry (tus's own
 * expiration, from each file's creation) and marks their rows `expired`, so the page can say
 * the file must be sent again. Answers how many files were removed and rows expired.
 */
export async function sweepExpiredUploads(opts: {
  db: Db;
  dataDir: string;
  expiryMs?: number;
  now?: Date;
}): Promise<{ files: number; rows: number }> {
  const expiryMs = opts.expiryMs ?? DEFAULT_UPLOAD_EXPIRY_MS;
  const store = new FileStore({
    directory: uploadDirectory(opts.dataDir),
    expirationPeriodInMilliseconds: expiryMs,
  });
  const files = await store.deleteExpired();
  const before = new Date((opts.now ?? new Date()).getTime() - expiryMs);
  const rows = await expireOpenUploads(opts.db, before);
  return { files, rows: rows.length };
}
