import { FileStore } from '@tus/file-store';
import type { Db } from '../../platform/db';
import type { IngestDeps } from '../ingest';
import { expireOpenUploads, openUploads } from './repo';
import { finishUpload, MAX_INGEST_ATTEMPTS } from './service';
import { DEFAULT_UPLOAD_EXPIRY_MS, uploadDirectory } from './tus';

/** How many open uploads one sweep looks at. */
const SWEEP_BATCH = 500;

/** What one sweep did. */
export interface SweepResult {
  /** Partial files removed. */
  files: number;
  /** Rows marked expired. */
  rows: number;
  /** Complete uploads whose ingest was tried again and answered. */
  finished: number;
  /** Complete uploads whose ingest failed again for a passing reason (bytes kept). */
  failing: number;
  /** Of those, the ids that failed at least MAX_INGEST_ATTEMPTS times: for staff to look at. */
  stuck: string[];
}

/**
 * Settles what the clinics' uploads left open:
 * - a file whose bytes all arrived but has no answer (its final ingest failed for a passing
 *   reason and the client never asked again) is handed again to the one ingest path through
 *   `finishUpload`, under the same row lock as a status request, so it is ingested and audited
 *   once. It never expires: its bytes stay until ingest answers, and after MAX_INGEST_ATTEMPTS
 *   failures an `upload.ingest.stuck` audit event tells staff;
 * - a file still half-sent after the expiry (counted from the upload's start) is removed and its
 *   row marked `expired`, so the page can say it must be sent again.
 */
export async function sweepUploads(opts: {
  db: Db;
  dataDir: string;
  ingest: IngestDeps;
  expiryMs?: number;
  now?: Date;
}): Promise<SweepResult> {
  const expiryMs = opts.expiryMs ?? DEFAULT_UPLOAD_EXPIRY_MS;
  const store = new FileStore({ directory: uploadDirectory(opts.dataDir) });
  const ctx = { actor: null, requestId: 'uploads-sweep', ip: null, db: opts.db };
  const out: SweepResult = { files: 0, rows: 0, finished: 0, failing: 0, stuck: [] };
  const incomplete: string[] = [];
  for (const row of await openUploads(opts.db, SWEEP_BATCH)) {
    const upload = await store.getUpload(row.id).catch(() => undefined);
    if (!upload || upload.size === undefined || upload.offset !== upload.size) {
      incomplete.push(row.id);
      continue;
    }
    try {
      await finishUpload(ctx, { ingest: opts.ingest, store }, row.id);
      out.finished++;
    } catch {
      out.failing++;
      const after = await store.getUpload(row.id).catch(() => undefined);
      if (Number(after?.metadata?.ingestAttempts ?? '0') >= MAX_INGEST_ATTEMPTS)
        out.stuck.push(row.id);
    }
  }
  // Only incomplete uploads expire: their rows first, then their files. (Not tus's own
  // deleteExpired: it judges completeness by the offset recorded at creation, so it would remove
  // complete files waiting for ingest too.)
  const before = new Date((opts.now ?? new Date()).getTime() - expiryMs);
  const expired = await expireOpenUploads(opts.db, incomplete, before);
  out.rows = expired.length;
  for (const id of expired) {
    const removed = await store.remove(id).then(
      () => true,
      () => false,
    );
    if (removed) out.files++;
  }
  return out;
}
