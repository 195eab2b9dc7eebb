import { createReadStream, watch, type FSWatcher } from 'node:fs';
import { mkdir, readdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { GatewayConfig } from '../config';
import type { Logger } from '../log';
import type { DiskQueue } from '../queue/diskQueue';
import { writeFileDurably } from '../queue/durable';
import type { ErrorRing } from '../status/errors';
import { acceptInstance } from './accept';
import { NotDicomError } from './header';

/** How often the folder is scanned besides fs.watch, which misses events on some file systems. */
export const SCAN_MS = 2_000;

/** What the folder watch needs. */
export interface FolderDeps {
  folder: string;
  priority: GatewayConfig['priority'];
  queue: DiskQueue;
  log: Logger;
  errors: ErrorRing;
  scanMs?: number;
}

/** A running folder watch. */
export interface FolderWatch {
  /** Stops watching and waits for the file being queued, if any. */
  close(): Promise<void>;
}

/**
 * Watches `folder` for dropped Part 10 files. A file is read only once its size and modification
 * time held still between two looks (a copy may still be running); it is then queued durably and
 * moved to `done/`, or, when it is not DICOM, moved to `rejected/` beside a `<name>.reason.txt`.
 * Hidden files and the two sub-folders are ignored. Files are handled one at a time.
 */
export async function watchFolder(deps: FolderDeps): Promise<FolderWatch> {
  const { folder, queue, log, errors } = deps;
  const done = path.join(folder, 'done');
  const rejected = path.join(folder, 'rejected');
  await mkdir(done, { recursive: true });
  await mkdir(rejected, { recursive: true });
  const seen = new Map<string, string>(); // name → "size:mtime" at the previous look
  let closed = false;
  let running: Promise<void> = Promise.resolve();
  let again = false;

  const take = async (name: string) => {
    const file = path.join(folder, name);
    const writer = queue.stage();
    try {
      await pipeline(createReadStream(file), writer);
      const staged = await writer.staged;
      const { item, duplicate } = await acceptInstance(queue, deps.priority, staged, {
        callingAeTitle: null,
      });
      await rename(file, path.join(done, name));
      log.info(
        { event: 'folder.queued', file: name, id: item.id, priority: item.priority, duplicate },
        'file queued',
      );
    } catch (e) {
      await writer.discard();
      if (!(e instanceof NotDicomError)) throw e;
      // File names can carry a patient's name and errors reach the centre: the name stays local.
      errors.push(
        'NOT_DICOM',
        `a file in the watch folder is not DICOM (see rejected/): ${e.message}`,
      );
      log.warn({ event: 'folder.rejected', file: name, reason: e.message }, 'file rejected');
      // The reason is written first, so whoever sees the file in rejected/ finds why beside it.
      await writeFileDurably(path.join(rejected, `${name}.reason.txt`), `${e.message}\n`);
      await rename(file, path.join(rejected, name));
    }
  };

  const scan = async () => {
    const entries = await readdir(folder, { withFileTypes: true });
    const present = new Set<string>();
    for (const entry of entries) {
      if (closed) return;
      if (!entry.isFile() || entry.name.startsWith('.')) continue;
      present.add(entry.name);
      const s = await stat(path.join(folder, entry.name)).catch(() => null);
      if (!s) continue;
      const mark = `${s.size}:${s.mtimeMs}`;
      if (seen.get(entry.name) !== mark) {
        seen.set(entry.name, mark);
        again = true; // look again soon: stable means unchanged between two looks
        continue;
      }
      seen.delete(entry.name);
      await take(entry.name).catch((e: Error) => {
        // A file system error's message names the path; the centre gets its code only.
        const why = (e as NodeJS.ErrnoException).code ?? e.message;
        errors.push(
          'FOLDER_QUEUE_FAILED',
          `a file in the watch folder was not queued (${why}); it is retried`,
        );
        log.error({ event: 'folder.failed', file: entry.name, err: e.message }, 'file not queued');
      });
    }
    for (const name of seen.keys()) if (!present.has(name)) seen.delete(name);
  };

  /** One scan at a time; a request during a scan runs one more after it. */
  const kick = () => {
    running = running.then(async () => {
      do {
        again = false;
        if (closed) return;
        await scan().catch((e: Error) =>
          log.error({ event: 'folder.scanFailed', err: e.message }, 'scan failed'),
        );
        if (again) await new Promise((r) => setTimeout(r, 250));
      } while (again && !closed);
    });
  };

  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(folder, () => kick());
    watcher.on('error', (e) =>
      log.warn({ event: 'folder.watchError', err: e.message }, 'fs.watch failed; scanning only'),
    );
  } catch (e) {
    log.warn(
      { event: 'folder.watchError', err: (e as Error).message },
      'fs.watch unavailable; scanning only',
    );
  }
  const timer = setInterval(kick, deps.scanMs ?? SCAN_MS);
  kick();
  log.info({ event: 'folder.watching', folder }, 'watching folder');

  return {
    async close() {
      closed = true;
      clearInterval(timer);
      watcher?.close();
      await running;
    },
  };
}
