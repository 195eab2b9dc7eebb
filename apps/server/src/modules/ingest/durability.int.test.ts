import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMeta } from '@telerad/dicom';
import { writeCxr } from '../../testing/dicomFixtures';
import { objectPath } from '../../platform/storage';
import { startServer, type ServerProcess } from '../../testing/serverProcess';

/**
 * DESIGN.md §2 durability rule, tested the hard way: the server and its PostgreSQL are killed
 * with SIGKILL, repeatedly, while clinics are sending. After every restart, each instance that got
 * a C-STORE success must be in the index and byte-identical on disk, and nothing may be
 * half-indexed (an index row without its file, or counters that disagree with the rows).
 */
const ROUNDS = 3;
let root: string;
let dataDir: string;
let files: { path: string; sop: string }[];

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-kill-'));
  fs.chmodSync(root, 0o755);
  dataDir = path.join(root, 'data');
  fs.mkdirSync(dataDir);
  const inputs = path.join(root, 'in');
  fs.mkdirSync(inputs);
  files = [];
  for (let i = 0; i < 60; i++) {
    const f = await writeCxr(path.join(inputs, `f${i}.dcm`), 'explicitLE', {
      rows: 256,
      columns: 256,
      seed: i + 1,
      study: { studyInstanceUid: `2.25.77${1000 + Math.floor(i / 4)}` },
      instanceNumber: (i % 4) + 1,
    });
    files.push({ path: f.path, sop: f.sopInstanceUid });
  }
});
afterAll(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

/** Sends one file in its own association; resolves true only on a success response. */
function sendOne(file: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(
      'storescu',
      [
        '-aet',
        'DEMO1',
        '-aec',
        'TELERAD',
        '-to',
        '5',
        '-ta',
        '5',
        '-td',
        '5',
        '127.0.0.1',
        String(port),
        file,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TCP_NODELAY: '1' } },
    );
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    child.on('exit', (code) => resolve(code === 0 && !/Store Failed|Status: [^0]|E: /i.test(out)));
  });
}

/** The bytes after the Part 10 meta group. */
function datasetBytes(file: string): Buffer {
  const buf = fs.readFileSync(file);
  const meta = readMeta((o, l) => buf.subarray(o, o + l), buf.length);
  return buf.subarray(meta.datasetOffset);
}

function killAll(server: ServerProcess): void {
  const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
  const pgPid = fs.existsSync(pidFile)
    ? Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0])
    : 0;
  server.child.kill('SIGKILL');
  if (pgPid > 0) {
    try {
      process.kill(pgPid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

async function checkIntact(acked: Set<string>): Promise<void> {
  const socketDir = path.join(dataDir, 'postgres', 'run');
  const c = new pg.Client({
    connectionString: `postgresql://postgres@localhost/telerad?host=${encodeURIComponent(socketDir)}&port=5432`,
  });
  await c.connect();
  try {
    const rows = (
      await c.query<{ sop_uid: string; storage_key: string; sha256: string }>(
        'select sop_uid, storage_key, sha256 from instances where current',
      )
    ).rows;
    const bySop = new Map(rows.map((r) => [r.sop_uid, r]));
    for (const sop of acked) {
      const row = bySop.get(sop);
      expect(row, `acknowledged ${sop} is indexed`).toBeDefined();
      const stored = await objectPath(dataDir, row!.storage_key);
      const original = files.find((f) => f.sop === sop)!.path;
      // C-STORE carries the dataset; the archive writes its own file meta group in front of it.
      expect(
        datasetBytes(stored).equals(datasetBytes(original)),
        `${sop} dataset byte-identical`,
      ).toBe(true);
    }
    // Nothing half-indexed: every row has its file, and study counters match the rows.
    for (const r of rows) {
      expect(fs.existsSync(await objectPath(dataDir, r.storage_key)), `file of ${r.sop_uid}`).toBe(
        true,
      );
    }
    const bad = await c.query(
      `select s.study_uid from studies s where s.num_instances <> (select count(*) from instances i where i.study_id = s.id and i.current)`,
    );
    expect(bad.rows).toEqual([]);
  } finally {
    await c.end();
  }
}

describe('kill -9 while instances arrive', () => {
  it(
    `never loses an acknowledged instance over ${ROUNDS} crashes`,
    { timeout: 240_000 },
    async () => {
      const acked = new Set<string>();
      let next = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const server = await startServer({
          dataDir,
          env: { TELERAD_DEMO_STUDIES: '0', TELERAD_MIN_FREE_MB: '64' },
        });
        await checkIntact(acked);
        // Two clinics' worth of senders in parallel; the kill lands while they are mid-stream.
        let stop = false;
        const sender = async () => {
          while (!stop && next < files.length) {
            const f = files[next++]!;
            if (await sendOne(f.path, server.dicomPort)) acked.add(f.sop);
          }
        };
        const senders = [sender(), sender()];
        await new Promise((r) => setTimeout(r, 700 + round * 300));
        killAll(server);
        stop = true;
        await Promise.all(senders);
      }
      const server = await startServer({
        dataDir,
        env: { TELERAD_DEMO_STUDIES: '0', TELERAD_MIN_FREE_MB: '64' },
      });
      try {
        await checkIntact(acked);
        expect(acked.size).toBeGreaterThan(0);
      } finally {
        await server.stop();
      }
    },
  );
});
