import { readCredentials, type Credentials } from './credentials';
import type { Logger } from './log';

/** How often `credentials.json` is read again (ms): small, and reading it costs one stat and read. */
export const CREDENTIALS_RECHECK_MS = 2_000;

/**
 * Follows `<dataDir>/credentials.json` while the gateway runs, so `telerad-gateway enrol` (or
 * `enrol --force` after a rotation) takes effect without a restart. The file is replaced by a
 * rename (writeCredentials), so a read sees the old or the new file whole; polling rather than
 * `fs.watch` because a rename on some file systems (network shares, bind mounts) sends no event.
 * A damaged file is reported and the credentials in use are kept.
 */
export class CredentialsWatch {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private damagedReported = false;

  private constructor(
    private readonly dataDir: string,
    private readonly log: Logger,
    private readonly onChange: (next: Credentials, previous: Credentials | null) => void,
    /** The credentials in force: null until the gateway is enrolled. */
    public current: Credentials | null,
  ) {}

  /** Reads the credentials once (a damaged file throws, as at start) and follows the file. */
  static async start(
    dataDir: string,
    log: Logger,
    onChange: (next: Credentials, previous: Credentials | null) => void,
    intervalMs = CREDENTIALS_RECHECK_MS,
  ): Promise<CredentialsWatch> {
    const watch = new CredentialsWatch(dataDir, log, onChange, await readCredentials(dataDir));
    watch.schedule(intervalMs);
    return watch;
  }

  /** Reads the file again now; calls `onChange` when the token differs from the one in force. */
  async recheck(): Promise<void> {
    let next: Credentials | null;
    try {
      next = await readCredentials(this.dataDir);
      this.damagedReported = false;
    } catch (e) {
      if (!this.damagedReported)
        this.log.error(
          { event: 'credentials.unreadable', err: (e as Error).message },
          'credentials file unreadable; keeping the token in use',
        );
      this.damagedReported = true;
      return;
    }
    if (!next || this.stopped || next.token === this.current?.token) return;
    const previous = this.current;
    this.current = next;
    this.onChange(next, previous);
  }

  /** Stops following the file. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(intervalMs: number): void {
    this.timer = setTimeout(() => {
      void this.recheck().finally(() => {
        if (!this.stopped) this.schedule(intervalMs);
      });
    }, intervalMs);
    this.timer.unref();
  }
}
