import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

/** A real Telerad server process started for tests. */
export interface ServerProcess {
  url: string;
  /** The DICOM port the server was given. */
  dicomPort: number;
  dataDir: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
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
 * unless `env.DATABASE_URL` is given) and waits until it is healthy.
 */
export async function startServer(
  opts: { dataDir?: string; env?: Record<string, string> } = {},
): Promise<ServerProcess> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-e2e-'));
  fs.chmodSync(dataDir, 0o755);
  const port = await freePort();
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
    ['--import', 'tsx', 'apps/server/src/main.ts'],
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
