import type { Readable } from 'node:stream';

/**
 * The object storage interface (ADR 0002, 0003); `storage.ts` has the filesystem backend,
 * `storageS3.ts` the S3 one (ADR 0046).
 */

/** A file being received, not yet durable or visible. */
export interface StagedObject {
  tempPath: string;
  size: number;
  sha256: string;
  /**
   * The object's first bytes (at least 512 KiB, or all of it when smaller) as the chunks that
   * were written, still in memory, so the header can be read without reading the file back.
   */
  head: Buffer[];
  /**
   * Settles when the staged bytes are durable (an O_DSYNC write, or fdatasync). `stage()`
   * returns before that, so the caller can parse the header while the disk flushes; `commit()`
   * waits for it before the rename, so no name ever points at bytes that are not durable.
   */
  durable: Promise<void>;
}

/** A staged object being given its name: see `ObjectStorage.place`. */
export interface PlacedObject {
  key: string;
  placed: Promise<void>;
  durable: Promise<void>;
}

/** What `recover()` did with the staging files left by an earlier process. */
export interface RecoveryReport {
  restored: string[];
  /** Staging files with bytes that were deleted (never acknowledged); empty ones are not counted. */
  discarded: number;
}

/** Free and total bytes where objects are stored. */
export interface DiskUsage {
  freeBytes: number;
  totalBytes: number;
}

/**
 * What `ObjectStorage.probe()` found: whether objects can be stored right now, and how long the
 * backend took to say so. `location` names the data directory or the bucket and endpoint; health
 * shows it to signed-in callers only, as it shows database errors.
 */
export interface StorageProbe {
  kind: 'fs' | 's3';
  ok: boolean;
  latencyMs: number | null;
  /** Free and total bytes of the local disk that stages objects; null when it cannot be read. */
  freeBytes: number | null;
  totalBytes: number | null;
  location: { dataDir: string; bucket?: string; prefix?: string; endpoint?: string };
  /** Why the probe failed, in the backend's words (may name hosts: signed-in callers only). */
  error?: string;
}

/**
 * Where DICOM objects live. Objects are content-addressed by SHA-256, so a key never changes
 * meaning, a re-sent identical object is the same file, and a different version never
 * overwrites an earlier one.
 */
export interface ObjectStorage {
  /**
   * Streams `source` to a staging file, hashing it; at most `maxBytes`. Resolves once every byte
   * is written; `durable` settles when they are also flushed to disk.
   */
  stage(source: Readable, maxBytes: number): Promise<StagedObject>;
  /** Makes a staged file durable under its content key (fsync, rename, fsync directory). */
  commit(staged: StagedObject): Promise<string>;
  /**
   * `commit()` in two steps, so a caller can overlap its own durable write with the directory
   * flush: `placed` settles once the durable bytes have their name (waits for `staged.durable`,
   * then renames), `durable` once that name is flushed too. `key` is known at once.
   */
  place(staged: StagedObject): PlacedObject;
  /**
   * Run once at start, before anything is stored: settles the staging files an earlier process
   * left. A file that `isReferenced` (an index row that committed while its rename was not yet
   * durable, then the machine stopped) is moved to its content-addressed place; any other, never
   * acknowledged, is deleted.
   */
  recover(isReferenced: (key: string, file: string) => Promise<boolean>): Promise<RecoveryReport>;
  /** Drops a staged file that will not be kept. */
  discard(staged: StagedObject): Promise<void>;
  /**
   * Absolute path of a committed object's bytes, for readers that need a file. The filesystem
   * backend finds it on the thread pool: an object may be in either layout (docs/adr/0003), and
   * looking must not block the loop. The S3 backend gives a verified copy in its local read
   * cache (docs/adr/0046).
   */
  pathOf(key: string): Promise<string>;
  /**
   * Runs `use` with a scope whose `pathOf` gives files that stay on disk until `use` settles.
   * The S3 backend pins every copy the scope hands out in its read cache, so a download for
   * another reader cannot evict it between the handing out and the reading (a C-MOVE sends each
   * file some time after it was found); the filesystem backend's files never go. Feature code
   * reaches files only this way (ESLint); the bare `pathOf` is for platform code and tests.
   */
  withFiles<T>(use: (files: FileScope) => Promise<T>): Promise<T>;
  /** A read stream over a committed object, optionally a byte range. */
  open(key: string, range?: { start: number; end: number }): Readable;
  /** The stored size of a committed object, or null when there is none under `key`. */
  size(key: string): Promise<number | null>;
  /** Free and total bytes where objects are stored (S3: the local disk that stages them). */
  usage(): Promise<DiskUsage>;
  /**
   * Whether the backend can take objects now (filesystem: the data directory is writable; S3:
   * the bucket answers), settled within `timeoutMs` even when the backend hangs, so a health
   * check that a load balancer repeats every 2 s never piles up behind it.
   */
  probe(timeoutMs: number): Promise<StorageProbe>;
}

/** The object is larger than the configured maximum. */
export class ObjectTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`object exceeds ${maxBytes} bytes`);
  }
}

/** The files handed out inside one {@link ObjectStorage.withFiles} scope. */
export interface FileScope {
  /** Absolute path of a committed object's bytes, kept on disk until the scope ends. */
  pathOf(key: string): Promise<string>;
}
