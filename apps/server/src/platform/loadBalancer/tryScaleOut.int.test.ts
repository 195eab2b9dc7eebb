import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { writeCxr } from '../../testing/dicomFixtures';
import { SERVER_NODE_FLAGS, freePort } from '../../testing/serverProcess';
import { adminQuery, urlForDatabase } from '../../testing/testDb';

/** `npm run try:scale-out` as an operator runs it: two nodes, s3rver and HAProxy, then Ctrl-C. */
const ROOT = path.resolve(import.meta.dirname, '../../../../..');
const database = `telerad_tryout_test_${process.pid}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-tryout-'));
let child: ChildProcess | undefined;
let out = '';

afterAll(async () => {
  // After a failure mid-test, stop the try-out as an operator would, so its nodes and HAProxy
  // go with it; SIGKILL only if it does not finish.
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGINT');
    const stuck = setTimeout(() => child!.kill('SIGKILL'), 60_000);
    await exited;
    clearTimeout(stuck);
  }
  await adminQuery(`drop database if exists ${database} with (force)`);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Whether process `pid` still exists. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits, at most `ms`, for `cond`; fails naming `what` with the script's output. */
async function until(what: string, ms: number, cond: () => boolean | Promise<boolean>) {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('npm run try:scale-out', () => {
  it('starts two nodes behind HAProxy, both serve through it, and Ctrl-C leaves nothing running', async () => {
    const [http, dicom, stats] = [await freePort(), await freePort(), await freePort()];
    child = spawn(
      path.join(ROOT, 'node_modules/.bin/node'),
      [
        ...SERVER_NODE_FLAGS,
        '--import',
        'tsx',
        'scripts/try-scale-out.ts',
        ...['--dir', dir, '--database', database, '--no-studies'],
        ...['--http-port', String(http), '--dicom-port', String(dicom)],
        ...['--stats-port', String(stats)],
      ],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: inject('pgAdminUrl') },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    await until('the ready line', 300_000, () => {
      if (child!.exitCode !== null) throw new Error(`try-out exited ${child!.exitCode}:\n${out}`);
      return /^Ready\. .*\(pids: [\d ]+\)$/m.test(out);
    });
    const pids = /\(pids: ([\d ]+)\)/.exec(out)![1]!.split(' ').map(Number);
    expect(pids).toHaveLength(4); // the script, HAProxy and two nodes
    expect(out).toContain(`http://127.0.0.1:${http}`);
    expect(out).toContain(`127.0.0.1:${dicom}`);

    // Through the balancer: healthy answers, spread over both nodes (round robin).
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`http://127.0.0.1:${http}/api/health`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { storage: { kind: string } }).storage.kind).toBe('s3');
    }
    const csv = await (await fetch(`http://127.0.0.1:${stats}/stats;csv`)).text();
    const rows = csv.split('\n').filter((r) => r.startsWith('telerad_http,'));
    const header = csv.split('\n')[0]!.replace(/^# /, '').split(',');
    const server = (name: string) => {
      const cells = rows.find((r) => r.startsWith(`telerad_http,${name},`))!.split(',');
      return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
    };
    for (const name of ['a', 'b']) {
      expect(server(name).status).toBe('UP');
      expect(Number(server(name).hrsp_2xx)).toBeGreaterThan(0);
    }

    // A study as the demo clinic sends it, through the balancer's DICOM port with the PROXY
    // protocol header the nodes trust from HAProxy: acknowledged, and in the shared index.
    const file = await writeCxr(path.join(dir, 'cxr.dcm'), 'explicitLE', {
      rows: 128,
      columns: 128,
      seed: 3,
    });
    const sent = await new Promise<number | null>((resolve) => {
      const args = ['-aet', 'DEMO1', '-aec', 'TELERAD', '127.0.0.1', String(dicom), file.path];
      const c = spawn('storescu', args);
      c.on('exit', (code) => resolve(code));
    });
    expect(sent).toBe(0);
    const client = new pg.Client({
      connectionString: urlForDatabase(inject('pgAdminUrl'), database),
    });
    await client.connect();
    const stored = await client.query('select 1 from instances where sop_uid = $1', [
      file.sopInstanceUid,
    ]);
    await client.end();
    expect(stored.rowCount).toBe(1);

    const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    await until('every process of the try-out to end', 60_000, () => pids.every((p) => !alive(p)));
    expect(out).toContain('Stopped.');
  }, 420_000);
});
