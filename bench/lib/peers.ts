import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { freePort } from '../../apps/server/src/testing/serverProcess';

/** A DICOM receiver started for a benchmark. */
export interface Receiver {
  name: string;
  aeTitle: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/** Waits until something accepts TCP connections on `port`. */
export async function waitForPort(port: number, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listens on ${port} after ${ms} ms`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode) return;
    const done = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([done, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
}

/**
 * Orthanc from Debian's package with its default SQLite index, storage in `dir`, DICOM on a free
 * port, accepting any calling AE; DCMTK inside it gets TCP_NODELAY=1.
 */
export async function startOrthanc(dir: string): Promise<Receiver & { httpPort: number }> {
  const port = await freePort();
  const httpPort = await freePort();
  fs.mkdirSync(dir, { recursive: true });
  const config = {
    Name: 'bench-orthanc',
    StorageDirectory: path.join(dir, 'storage'),
    IndexDirectory: path.join(dir, 'index'),
    DicomAet: 'ORTHANC',
    DicomPort: port,
    HttpPort: httpPort,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: false,
    DicomCheckCalledAet: false,
    DicomAlwaysAllowStore: true,
    StorageCompression: false,
    Plugins: [],
    HttpServerEnabled: true,
    DicomThreadsCount: 4,
  };
  const cfg = path.join(dir, 'orthanc.json');
  fs.writeFileSync(cfg, JSON.stringify(config, null, 2));
  const child = spawn('/usr/sbin/Orthanc', [cfg], {
    env: { ...process.env, TCP_NODELAY: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (b: Buffer) => (err = (err + b.toString()).slice(-4000)));
  try {
    await waitForPort(port, 60_000);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${(e as Error).message}\n${err}`);
  }
  return {
    name: 'Orthanc 1.10 (SQLite)',
    aeTitle: 'ORTHANC',
    port,
    httpPort,
    pid: child.pid ?? -1,
    stop: stopper(child),
  };
}

/** DCMTK's storescp writing every object to `dir` with no index: the floor to compare with. */
export async function startStorescp(dir: string, fork: boolean): Promise<Receiver> {
  const port = await freePort();
  fs.mkdirSync(dir, { recursive: true });
  const args = ['-aet', 'RAW', '+xa', '-od', dir, ...(fork ? ['--fork'] : []), String(port)];
  const child = spawn('storescp', args, {
    env: { ...process.env, TCP_NODELAY: '1' },
    stdio: 'ignore',
  });
  await waitForPort(port, 20_000);
  return {
    name: 'DCMTK storescp (no index)',
    aeTitle: 'RAW',
    port,
    pid: child.pid ?? -1,
    stop: stopper(child),
  };
}

/** Sends files with DCMTK's storescu over one association, as a clinic would; returns seconds. */
export async function storescu(
  files: string[],
  to: { port: number; aeTitle: string },
  callingAe: string,
): Promise<number> {
  const listFile = path.join(
    path.dirname(files[0] ?? '.'),
    `.list-${process.pid}-${Math.random().toString(36).slice(2)}`,
  );
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      'storescu',
      ['-aet', callingAe, '-aec', to.aeTitle, '127.0.0.1', String(to.port), ...files],
      {
        env: { ...process.env, TCP_NODELAY: '1' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let err = '';
    child.stderr?.on('data', (b: Buffer) => (err += b.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`storescu exited ${code}: ${err.slice(-2000)}`)),
    );
  });
  fs.rmSync(listFile, { force: true });
  return (performance.now() - t0) / 1000;
}

/** Peak resident set size (VmHWM) of a process, in MiB. */
export function peakRssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** Current resident set size (VmRSS) of a process, in MiB. */
export function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? NaN) / 1024;
}

/**
 * CPU time (user + system, ms) used so far by the processes `pid` and `alsoMatching` (a string
 * in their command line, e.g. the data directory of an embedded PostgreSQL that pg_ctl started
 * outside the process tree), and by all their descendants.
 */
export function treeCpuMs(pid: number, alsoMatching?: string): number {
  const procs: { pid: number; ppid: number; ms: number; cmd: string }[] = [];
  const tick = 10; // USER_HZ is 100 on Linux
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = alsoMatching ? fs.readFileSync(`/proc/${name}/cmdline`, 'utf8') : '';
      procs.push({
        pid: Number(name),
        ppid: Number(f[1]),
        ms: (Number(f[11]) + Number(f[12])) * tick,
        cmd,
      });
    } catch {
      // exited meanwhile
    }
  }
  const inTree = new Set<number>([pid]);
  for (const p of procs) if (alsoMatching && p.cmd.includes(alsoMatching)) inTree.add(p.pid);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of procs)
      if (!inTree.has(p.pid) && inTree.has(p.ppid)) {
        inTree.add(p.pid);
        grew = true;
      }
  }
  return procs.filter((p) => inTree.has(p.pid)).reduce((n, p) => n + p.ms, 0);
}
