import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCxr } from './testing/dicomFixtures';
import {
  freePort,
  SERVER_NODE_FLAGS,
  startServer,
  type ServerProcess,
} from './testing/serverProcess';
import { createTestDb, type TestDb } from './testing/testDb';

/**
 * Two real server processes on one database, as a scale-out deployment runs them
 * (docs/adr/0047): a front node with `http,dimse,realtime` and a worker node with `worker`.
 * A study the front node's DICOM door takes is made stable, queued and read by the worker.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');
let tdb: TestDb;
let root: string;
let worker: { child: ChildProcess; output: () => string; httpPort: number; dicomPort: number };
let front: ServerProcess;

/** Waits (bounded) until `cond` holds; assertions come after, never on time. */
async function until(what: string, cond: () => boolean | Promise<boolean>, ms = 60_000) {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

beforeAll(async () => {
  tdb = await createTestDb();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-roles-'));
  fs.chmodSync(root, 0o755);
  fs.mkdirSync(path.join(root, 'front'));
  const httpPort = await freePort();
  const dicomPort = await freePort();
  // The worker seeds the demo organisation (one-off work is a worker's).
  const child = spawn(
    path.join(ROOT, 'node_modules/.bin/node'),
    [...SERVER_NODE_FLAGS, '--import', 'tsx', 'apps/server/src/main.ts'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: tdb.url,
        TELERAD_ROLES: 'worker',
        TELERAD_DEMO: '1',
        TELERAD_DEMO_STUDIES: '0',
        TELERAD_STABLE_SECONDS: '1',
        TELERAD_DATA_DIR: path.join(root, 'worker'),
        TELERAD_HTTP_PORT: String(httpPort),
        TELERAD_DICOM_PORT: String(dicomPort),
        TELERAD_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  worker = { child, output: () => out, httpPort, dicomPort };
  await until('the worker node to start', () => {
    if (child.exitCode !== null) throw new Error(`worker exited ${child.exitCode}:\n${out}`);
    return out.includes('Telerad is running (roles: worker)');
  });
  front = await startServer({
    dataDir: path.join(root, 'front'),
    env: {
      DATABASE_URL: tdb.url,
      TELERAD_ROLES: 'http,dimse,realtime',
      TELERAD_DEMO: '1',
      TELERAD_DEMO_STUDIES: '0',
    },
  });
}, 180_000);

afterAll(async () => {
  await front?.stop();
  if (worker?.child.exitCode === null) {
    const done = new Promise((r) => worker.child.once('exit', r));
    worker.child.kill('SIGTERM');
    await done;
  }
  await tdb?.drop();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('a front node and a worker node', () => {
  it('each runs only its roles and says so in health', async () => {
    expect(await listening(worker.httpPort)).toBe(false);
    expect(await listening(worker.dicomPort)).toBe(false);
    expect(await listening(front.dicomPort)).toBe(true);
    const health = await (await fetch(`${front.url}/api/health`)).json();
    expect(health.status).toBe('ok');
    expect(health.roles).toEqual(['http', 'dimse', 'realtime']);
    expect(health.worker).toBeNull();
  });

  it("a study sent to the front node's DICOM door becomes a reading task by the worker", async () => {
    const file = await writeCxr(path.join(root, 'cxr.dcm'), 'explicitLE', {
      rows: 256,
      columns: 256,
      seed: 7,
    });
    const sent = await new Promise<number | null>((resolve) => {
      const c = spawn('storescu', [
        '-aet',
        'DEMO1',
        '-aec',
        'TELERAD',
        '127.0.0.1',
        String(front.dicomPort),
        file.path,
      ]);
      c.on('exit', (code) => resolve(code));
    });
    expect(sent).toBe(0);
    const taskOf = async () =>
      (
        await sql<{ n: number }>`
          select count(*)::int as n from reading_tasks t join studies s on s.id = t.study_id
          where s.study_uid = ${file.studyInstanceUid} and t.type = 'primary_read'`.execute(tdb.db)
      ).rows[0]!.n;
    await until('the worker to make the reading task', async () => (await taskOf()) > 0);
    expect(await taskOf()).toBe(1);
    // One job, worked (the task may come first, by the fast path): the front node runs no
    // consumer, so the worker did it.
    const jobs = async () =>
      (
        await sql<{ state: string }>`
          select state from pgboss.job where name = 'study.stable'`.execute(tdb.db)
      ).rows.map((r) => r.state);
    await until('the study.stable job to be worked', async () =>
      (await jobs()).every((s) => s === 'completed'),
    );
    expect(await jobs()).toEqual(['completed']);
  });
});
