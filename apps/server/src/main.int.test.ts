import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './modules/demo';
import { processAlive as alive } from './platform/embeddedPostgresRecovery';

const ROOT = path.resolve(import.meta.dirname, '../../..');
// As `npm start` runs it: Node 24 with the tsx loader, no wrapper process in between.
const NODE = path.join(ROOT, 'node_modules/.bin/node');
const MAIN = path.join(ROOT, 'apps/server/src/main.ts');

interface Server {
  proc: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const roots: string[] = [];
const servers: Server[] = [];

function dataDir(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-main-'));
  fs.chmodSync(root, 0o755); // the `postgres` user must reach $DATA/postgres
  roots.push(root);
  return path.join(root, 'data');
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

async function until(what: string, cond: () => boolean | Promise<boolean>, ms = 45_000) {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The postmaster of the embedded cluster, and the Node process that is its parent. */
function processes(data: string): { postmaster: number; node: number } {
  const postmaster = Number(
    fs.readFileSync(path.join(data, 'postgres/postmaster.pid'), 'utf8').split('\n')[0],
  );
  const status = fs.readFileSync(`/proc/${postmaster}/status`, 'utf8');
  const node = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
  expect(fs.readFileSync(`/proc/${node}/cmdline`, 'utf8')).toContain('main.ts');
  return { postmaster, node };
}

async function startServer(data: string): Promise<Server> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TELERAD_DEMO: '1',
    TELERAD_DEMO_STUDIES: '0',
    TELERAD_DATA_DIR: data,
    TELERAD_HTTP_HOST: '127.0.0.1',
    TELERAD_HTTP_PORT: String(port),
    TELERAD_DICOM_PORT: String(await freePort()),
  };
  delete env.DATABASE_URL; // the embedded cluster under $TELERAD_DATA_DIR/postgres
  const proc = spawn(NODE, ['--import', 'tsx', MAIN], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (b: Buffer) => (out = (out + b.toString()).slice(-20_000)));
  proc.stderr?.on('data', (b: Buffer) => (out = (out + b.toString()).slice(-20_000)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    proc.once('exit', (code, signal) => r({ code, signal })),
  );
  const server: Server = { proc, port, output: () => out, exited };
  servers.push(server);
  await until('GET /api/health to answer 200', async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) {
      throw new Error(`server exited (${proc.exitCode ?? proc.signalCode}):\n${out}`);
    }
    const res = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined);
    return res?.status === 200;
  });
  expect(out).toContain('Telerad is running at');
  return server;
}

async function signIn(s: Server, username: string) {
  const res = await fetch(`http://127.0.0.1:${s.port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(res.status, `sign-in of ${username}`).toBe(200);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('telerad_session='));
  expect(cookie).toBeDefined();
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const headers = { cookie: String(cookie).split(';', 1).join(''), 'x-csrf-token': csrfToken };
  return async (method: string, url: string, body?: unknown) => {
    const r = await fetch(`http://127.0.0.1:${s.port}${url}`, {
      method,
      headers: body ? { ...headers, 'content-type': 'application/json' } : headers,
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: r.status, json: (await r.json()) as unknown };
  };
}

async function createClinic(s: Server, code: string): Promise<void> {
  const api = await signIn(s, 'admin');
  const [centre] = (await api('GET', '/api/centres')).json as Array<{ id: string }>;
  if (!centre) throw new Error('no centres in the demo organisation');
  const created = await api('POST', '/api/clinics', {
    code,
    name: `Kill test ${code}`,
    country: 'PH',
    timeZone: 'Asia/Manila',
    homeCentreId: centre.id,
    programmes: ['US'],
  });
  expect(created.status, JSON.stringify(created.json)).toBe(200);
}

async function expectIntact(s: Server, code: string): Promise<void> {
  const api = await signIn(s, 'admin');
  const clinics = (await api('GET', '/api/clinics')).json as Array<{ code: string }>;
  expect(clinics.map((c) => c.code)).toContain(code);
  expect(clinics.map((c) => c.code)).toEqual(expect.arrayContaining(['DEMO1', 'DEMO2']));
  for (const a of DEMO_ACCOUNTS) await signIn(s, a.username);
}

/** kill -9 of the Node process running main.ts (and of its launcher, if one is in between). */
async function killNode(s: Server, node: number): Promise<void> {
  process.kill(node, 'SIGKILL');
  if (s.proc.pid && s.proc.pid !== node && alive(s.proc.pid)) process.kill(s.proc.pid, 'SIGKILL');
  await s.exited;
  await until('the killed server process to go', () => !alive(node));
}

afterEach(async () => {
  for (const s of servers.splice(0)) if (s.proc.exitCode === null) s.proc.kill('SIGKILL');
  for (const root of roots.splice(0)) {
    const pidFile = path.join(root, 'data/postgres/postmaster.pid');
    const pid = fs.existsSync(pidFile)
      ? Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0])
      : 0;
    if (pid && alive(pid)) {
      process.kill(pid, 'SIGQUIT');
      await until('a leftover postmaster to exit', () => !alive(pid), 15_000).catch(
        () => undefined,
      );
    }
    fs.rmSync(root, { recursive: true, force: true });
  }
});

describe('server process lifecycle on the embedded database', () => {
  it('survives kill -9 of the server and its postgres: it starts again with data intact', async () => {
    const data = dataDir();
    const first = await startServer(data);
    await createClinic(first, 'KILL1');
    const { postmaster, node } = processes(data);

    process.kill(postmaster, 'SIGKILL');
    await killNode(first, node);
    await until('the killed postmaster to go', () => !alive(postmaster));

    const second = await startServer(data);
    await expectIntact(second, 'KILL1');
    expect(processes(data).postmaster).not.toBe(postmaster);
  }, 120_000);

  it('survives kill -9 of the server alone: the orphaned postgres is stopped and replaced', async () => {
    const data = dataDir();
    const first = await startServer(data);
    await createClinic(first, 'KILL2');
    const { postmaster, node } = processes(data);

    await killNode(first, node);
    expect(alive(postmaster)).toBe(true); // orphaned, still serving the data directory

    const second = await startServer(data);
    expect(alive(postmaster)).toBe(false);
    expect(processes(data).postmaster).not.toBe(postmaster);
    await expectIntact(second, 'KILL2');
  }, 120_000);

  it('stops cleanly on SIGTERM with exit code 0 and leaves no postgres running', async () => {
    const data = dataDir();
    const s = await startServer(data);
    const { postmaster, node } = processes(data);

    process.kill(node, 'SIGTERM');
    const { code, signal } = await s.exited;
    expect({ code, signal }, s.output()).toEqual({ code: 0, signal: null });
    expect(alive(node)).toBe(false);
    expect(alive(postmaster)).toBe(false);
    expect(fs.existsSync(path.join(data, 'postgres/postmaster.pid'))).toBe(false);
    expect(s.output()).toContain('Stopped cleanly');

    // And the clean stop left a cluster that starts without any recovery work.
    const again = await startServer(data);
    await signIn(again, 'admin');
  }, 120_000);
});
