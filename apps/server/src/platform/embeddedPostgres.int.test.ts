import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embeddedPostgres';
import { processAlive as alive } from './embeddedPostgresRecovery';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const ORPHAN_SCRIPT = path.join(ROOT, 'apps/server/src/testing/orphanPostgres.ts');

const roots: string[] = [];
const clusters: EmbeddedPostgres[] = [];
const children: ChildProcess[] = [];

/** A cluster directory of its own; the parent is 0755 so the `postgres` user can reach it. */
function clusterDir(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-pgtest-'));
  fs.chmodSync(root, 0o755);
  roots.push(root);
  return path.join(root, 'pg');
}

async function start(dir: string): Promise<EmbeddedPostgres> {
  const pgs = await startEmbeddedPostgres({ dir });
  clusters.push(pgs);
  return pgs;
}

async function query<R extends pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<R>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

function pidFilePid(dir: string): number | undefined {
  const file = path.join(dir, 'postmaster.pid');
  if (!fs.existsSync(file)) return undefined;
  return Number(fs.readFileSync(file, 'utf8').split('\n')[0]);
}

async function until(what: string, cond: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function postgresIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

afterEach(async () => {
  for (const c of clusters.splice(0)) await c.stop().catch(() => undefined);
  for (const ch of children.splice(0)) if (ch.exitCode === null) ch.kill('SIGKILL');
  for (const root of roots.splice(0)) {
    // A postmaster a failed test left running is stopped before its directory goes.
    const pid = pidFilePid(path.join(root, 'pg'));
    if (pid && alive(pid)) {
      process.kill(pid, 'SIGQUIT');
      await until('leftover postmaster to exit', () => !alive(pid)).catch(() => undefined);
    }
    fs.rmSync(root, { recursive: true, force: true });
  }
});

describe('startEmbeddedPostgres', () => {
  it('initialises a fresh cluster, answers queries, stops, and keeps data across restarts', async () => {
    const dir = clusterDir();
    const first = await start(dir);
    expect(fs.existsSync(path.join(dir, 'PG_VERSION'))).toBe(true);
    expect(alive(first.pid)).toBe(true);
    expect(await query(first.adminUrl, 'select 1 as one')).toEqual([{ one: 1 }]);
    await query(first.adminUrl, 'create table kept (id int primary key, note text)');
    await query(first.adminUrl, "insert into kept values (1, 'survives a restart')");
    // No TCP listener: the cluster is reachable only through its socket.
    expect(await query(first.adminUrl, 'show listen_addresses')).toEqual([
      { listen_addresses: '' },
    ]);
    await first.stop();
    expect(alive(first.pid)).toBe(false);
    expect(fs.existsSync(path.join(dir, 'postmaster.pid'))).toBe(false);

    const second = await start(dir);
    expect(second.pid).not.toBe(first.pid);
    expect(await query(second.adminUrl, 'select id, note from kept')).toEqual([
      { id: 1, note: 'survives a restart' },
    ]);
  });

  it('starts over a stale postmaster.pid whose PID is dead', async () => {
    const dir = clusterDir();
    const first = await start(dir);
    const realPidFile = fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8');
    await query(first.adminUrl, 'create table marker (v int)');
    await first.stop();
    let dead = 999_999;
    while (alive(dead)) dead += 1;
    const lines = realPidFile.split('\n');
    lines[0] = String(dead);
    fs.writeFileSync(path.join(dir, 'postmaster.pid'), lines.join('\n'));

    const second = await start(dir);
    expect(pidFilePid(dir)).toBe(second.pid);
    expect(await query(second.adminUrl, 'select count(*)::int as n from marker')).toEqual([
      { n: 0 },
    ]);
  });

  it('starts over a postmaster.pid whose PID was recycled by an unrelated process', async () => {
    const dir = clusterDir();
    const first = await start(dir);
    const realPidFile = fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8');
    await first.stop();
    // Same owner as the cluster, so postgres itself would take it for a running postmaster.
    const sleeper = spawn('sleep', ['300'], { ...postgresIds(), stdio: 'ignore' });
    children.push(sleeper);
    const lines = realPidFile.split('\n');
    lines[0] = String(sleeper.pid);
    fs.writeFileSync(path.join(dir, 'postmaster.pid'), lines.join('\n'));

    const second = await start(dir);
    expect(await query(second.adminUrl, 'select 1 as one')).toEqual([{ one: 1 }]);
    expect(alive(sleeper.pid ?? -1)).toBe(true);
  });

  it('never stops a live postgres that belongs to another cluster', async () => {
    const otherDir = clusterDir();
    const other = await start(otherDir);
    const dir = clusterDir();
    const first = await start(dir);
    const realPidFile = fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8');
    await first.stop();
    const lines = realPidFile.split('\n');
    lines[0] = String(other.pid);
    fs.writeFileSync(path.join(dir, 'postmaster.pid'), lines.join('\n'));

    const second = await start(dir);
    expect(await query(second.adminUrl, 'select 1 as one')).toEqual([{ one: 1 }]);
    expect(alive(other.pid)).toBe(true);
    expect(await query(other.adminUrl, 'select 2 as two')).toEqual([{ two: 2 }]);
  });

  it('refuses a directory whose postgres a live server still owns, and leaves that one running', async () => {
    const dir = clusterDir();
    const first = await start(dir); // owned by this (live) Node process, like a running server
    await expect(start(dir)).rejects.toThrow(/in use by another running process/);
    expect(alive(first.pid)).toBe(true);
    expect(await query(first.adminUrl, 'select 1 as one')).toEqual([{ one: 1 }]);
  });

  it.runIf(process.getuid?.() === 0)(
    'as root, names the directory the postgres user cannot enter, and how to fix it',
    async () => {
      const dir = clusterDir();
      const locked = path.join(path.dirname(dir), 'locked');
      fs.mkdirSync(locked, { mode: 0o700 });
      const inside = path.join(locked, 'data', 'pg');
      await expect(start(inside)).rejects.toThrow(
        `cannot enter ${locked}. Allow it with "chmod o+x ${locked}"`,
      );
      // Parents it creates itself stay enterable.
      const fresh = path.join(path.dirname(dir), 'new', 'deeper', 'pg');
      const pgs = await start(fresh);
      expect(await query(pgs.adminUrl, 'select 1 as one')).toEqual([{ one: 1 }]);
    },
  );

  it('shuts down a postmaster orphaned by a killed Node process, then starts with its data', async () => {
    const dir = clusterDir();
    const child = spawn(TSX, [ORPHAN_SCRIPT, dir, 'written-before-kill'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
    await until(
      'the orphan script',
      () => /READY \d+ \d+/.test(out) || child.exitCode !== null,
      50_000,
    );
    const ready = /READY (\d+) (\d+)/.exec(out);
    if (!ready) throw new Error(`orphan script exited ${child.exitCode}: ${out}`);
    const [nodePid, pmPid] = [Number(ready[1]), Number(ready[2])];

    process.kill(nodePid, 'SIGKILL'); // the Node process only; its postgres child lives on
    await until('the killed Node process to go', () => !alive(nodePid));
    expect(alive(pmPid)).toBe(true);
    expect(pidFilePid(dir)).toBe(pmPid);

    const pgs = await start(dir);
    expect(alive(pmPid)).toBe(false);
    expect(pgs.pid).not.toBe(pmPid);
    expect(pidFilePid(dir)).toBe(pgs.pid);
    expect(await query(pgs.adminUrl, 'select value from orphan_rows')).toEqual([
      { value: 'written-before-kill' },
    ]);
  });

  it('recovers committed rows after the postmaster is killed mid-write', async () => {
    const dir = clusterDir();
    const first = await start(dir);
    await query(first.adminUrl, 'create table ledger (n int primary key, pad text)');
    const open = new pg.Client({ connectionString: first.adminUrl });
    await open.connect();
    open.on('error', () => undefined);
    await open.query('begin');
    await open.query("insert into ledger values (-1, 'never committed')");

    const writer = new pg.Client({ connectionString: first.adminUrl });
    await writer.connect();
    writer.on('error', () => undefined);
    let acknowledged = 0;
    const writing = (async () => {
      for (let n = 1; ; n++) {
        await writer.query('insert into ledger values ($1, repeat($2, 2000))', [n, 'x']);
        acknowledged = n;
      }
    })().catch(() => undefined);
    await until('some committed writes', () => acknowledged >= 200);
    process.kill(first.pid, 'SIGKILL');
    await writing;
    await until('the killed postmaster to go', () => !alive(first.pid));
    await Promise.all([open.end(), writer.end()].map((p) => p.catch(() => undefined)));

    const second = await start(dir);
    const [row] = await query<{ n: number; max: number; min: number }>(
      second.adminUrl,
      'select count(*)::int as n, max(n) as max, min(n) as min from ledger',
    );
    // Every acknowledged commit is there; at most the one in flight when killed may be too.
    if (!row) throw new Error('no result');
    expect(row.min).toBe(1);
    expect(row.max).toBeGreaterThanOrEqual(acknowledged);
    expect(row.max).toBeLessThanOrEqual(acknowledged + 1);
    expect(row.n).toBe(row.max);
  });
});
