import fs from 'node:fs';
import path from 'node:path';

/** The port number in the socket file's name; the cluster listens on no TCP port. */
export const SOCKET_PORT = 5432;

/**
 * What a crashed embedded PostgreSQL leaves behind, and how to clear it safely: a stale
 * `postmaster.pid`, an orphaned postmaster (its Node parent killed with -9), leftover backends
 * still holding shared memory, and a stale socket lock. See docs/adr/0001.
 */

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
    const given = args[args.indexOf('-D') + 1];
    return args.includes('-D') && given !== undefined && real(path.resolve(given)) === want;
  }
}

/** Running, and not a zombie: an exited child that an init which never reaps would keep forever. */
export function processAlive(pid: number): boolean {
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

export async function waitFor(
  cond: () => boolean | Promise<boolean>,
  ms: number,
): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await cond()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return cond();
}

/**
 * The live Node process that still owns postmaster `pid` (a running server), or undefined when
 * the postmaster is an orphan. A killed parent's children are re-parented to init (PID 1) or to
 * a sub-reaper such as systemd or tini, never to another Node process.
 */
function liveNodeParent(pid: number): number | undefined {
  try {
    const ppid = Number(
      /^PPid:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1],
    );
    if (!ppid || ppid === 1 || !processAlive(ppid)) return undefined;
    const argv0 = fs.readFileSync(`/proc/${ppid}/cmdline`, 'utf8').split('\0')[0] ?? '';
    return /^node/.test(path.basename(argv0)) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Live postgres processes working in `dir`: its postmaster, or the backends a killed postmaster
 * left behind, which keep its shared memory attached for a moment (every postgres process has
 * the data directory as working directory). Zombies have none, so they do not count.
 */
function postgresProcessesIn(dir: string): number[] {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e));
    dir = fs.realpathSync(dir);
  } catch {
    return [];
  }
  return entries.map(Number).filter((pid) => {
    try {
      return (
        fs.readlinkSync(`/proc/${pid}/cwd`) === dir &&
        /postgres/.test(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'))
      );
    } catch {
      return false; // gone meanwhile, or another user's process we cannot see
    }
  });
}

/**
 * Deals with what a crash left behind: an orphaned postmaster still running on this directory is
 * shut down; backends of a killed postmaster are waited for; lock files naming a dead, zombie or
 * foreign process are removed. A postmaster that a live server still owns is left alone and we
 * refuse to start: two servers on one data directory would take the database from each other.
 */
export async function clearLeftovers(
  dir: string,
  socketDir: string,
  log: (l: string) => void,
): Promise<void> {
  const pidFile = path.join(dir, 'postmaster.pid');
  const pid = fs.existsSync(pidFile)
    ? Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0])
    : NaN;
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid) && isPostmasterOf(pid, dir)) {
    const owner = liveNodeParent(pid);
    if (owner) {
      throw new Error(
        `The database in ${dir} is in use by another running process (pid ${owner}). ` +
          'Stop that Telerad first, or set TELERAD_DATA_DIR to another directory.',
      );
    }
    log(`Found an orphaned PostgreSQL (pid ${pid}) from an earlier run; shutting it down.`);
    process.kill(pid, 'SIGINT');
    if (!(await waitFor(() => !processAlive(pid), 30_000))) {
      log(`PostgreSQL pid ${pid} did not stop in 30 s; sending an immediate shutdown.`);
      process.kill(pid, 'SIGQUIT');
      await waitFor(() => !processAlive(pid), 15_000);
    }
  }
  if (postgresProcessesIn(dir).length > 0) {
    log('Waiting for the PostgreSQL processes of an earlier run to exit.');
    if (!(await waitFor(() => postgresProcessesIn(dir).length === 0, 30_000))) {
      const left = postgresProcessesIn(dir).join(', ');
      throw new Error(`PostgreSQL processes ${left} still use ${dir}; stop them and start again.`);
    }
  }
  // Nothing serves this directory now, so lock files naming a postmaster are stale. Postgres
  // clears them itself only when their PID is gone: not when it was recycled by another process,
  // nor when it is a zombie (a killed postmaster not yet reaped still answers kill(pid, 0)).
  for (const lock of [pidFile, path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}.lock`)]) {
    if (!fs.existsSync(lock)) continue;
    log(`Removing ${lock}, left by an earlier run that did not stop cleanly.`);
    fs.rmSync(lock, { force: true });
  }
}
