import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { embeddedDatabaseUrl } from '../platform/database';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

/**
 * The Node and V8 flags `npm start` gives the server, read from the root package.json so that
 * tests and benchmarks run the server exactly as it runs in production and the two cannot drift.
 * V8 flags go on the command line: V8 sizes its heap as the isolate is created, and Node warns
 * that `v8.setFlagsFromString` after start-up may behave unpredictably or do nothing.
 * `--max-semi-space-size=8` (docs/adr/0005) bounds the young generation;
 * `--heap-growing-percent=100` (docs/adr/0005, amended) spaces the full collections out.
 */
export const SERVER_NODE_FLAGS: readonly string[] = (() => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const m = /\bnode((?:\s+--[\w-]+(?:=\S+)?)*)\s+--import tsx apps\/server\/src\/main\.ts/.exec(
    pkg.scripts.start ?? '',
  );
  if (!m) throw new Error('package.json "start" no longer runs `node … --import tsx main.ts`');
  return m[1]!.trim().split(/\s+/).filter(Boolean);
})();

/** A real Telerad server process started for tests. */
export interface ServerProcess {
  url: string;
  /** The DICOM port the server was given. */
  dicomPort: number;
  dataDir: string;
  /** The server's database: the given DATABASE_URL, else its embedded one. */
  databaseUrl: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Whether a TCP port can be listened on at 127.0.0.1 right now. */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.unref();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/**
 * A TCP port nothing listens on right now, drawn at random below Linux's ephemeral range
 * (32768–60999). Port 0 would hand out an ephemeral port, which an outgoing connection of a
 * parallel test (storescu, a pg client) can take before the server listens on it.
 */
export async function freePort(): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await canListen(port)) return port;
  }
  throw new Error('no free TCP port found in 20000–31999');
}

/** Polls `url` until it answers 200 or `ms` pass. */
export async function waitForHealth(url: string, ms: number, child?: ChildProcess): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child && child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not become healthy in ${ms} ms`);
}

/**
 * Starts `apps/server/src/main.ts` in demo mode on a fresh data directory (embedded PostgreSQL,
 * unless `env.DATABASE_URL` is given) and waits until it is healthy. `port` restarts a server at
 * the address its clients (a gateway, say) already hold.
 */
export async function startServer(
  opts: { dataDir?: string; env?: Record<string, string>; port?: number } = {},
): Promise<ServerProcess> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-e2e-'));
  fs.chmodSync(dataDir, 0o755);
  const port = opts.port ?? (await freePort());
  const dicomPort = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TELERAD_DEMO: '1',
    TELERAD_DATA_DIR: dataDir,
    TELERAD_HTTP_PORT: String(port),
    TELERAD_HTTP_HOST: '127.0.0.1',
    TELERAD_DICOM_PORT: String(dicomPort),
    TELERAD_LOG_LEVEL: 'warn',
    UV_THREADPOOL_SIZE: '16', // as npm start and npm run demo run it
    ...opts.env,
  };
  if (!opts.env?.DATABASE_URL) delete env.DATABASE_URL;
  const child = spawn(
    path.join(ROOT, 'node_modules/.bin/node'),
    [...SERVER_NODE_FLAGS, '--import', 'tsx', 'apps/server/src/main.ts'],
    {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, 90_000, child);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${(e as Error).message}\n${out}`);
  }
  return {
    url,
    dicomPort: Number(env.TELERAD_DICOM_PORT),
    dataDir,
    databaseUrl: opts.env?.DATABASE_URL ?? embeddedDatabaseUrl(dataDir),
    child,
    output: () => out,
    stop: async () => {
      if (child.exitCode !== null) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await done;
    },
  };
}
