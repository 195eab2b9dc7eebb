import { spawn } from 'node:child_process';
import path from 'node:path';
import type { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '../testing/serverProcess';
import { createTestDb, type TestDb } from '../testing/testDb';
import { ensureQueue, JOB_HEARTBEAT_SECONDS, startJobs } from './jobs';

/**
 * A node that dies holding a job (SIGKILL: no shutdown hook runs) does not keep it for
 * pg-boss's 15-minute expiry: the job's heartbeat stops, another worker's supervisor fails it
 * after JOB_HEARTBEAT_SECONDS, and that worker runs it (docs/adr/0047). The wait is bounded at
 * well under the expiry, so without the heartbeat the test fails.
 */
const ROOT = path.resolve(import.meta.dirname, '../../../..');
const QUEUE = 'test.heartbeat';
let tdb: TestDb;
let boss: PgBoss | null = null;

beforeAll(async () => {
  tdb = await createTestDb();
});

afterAll(async () => {
  await boss?.stop({ graceful: false });
  await tdb?.drop();
});

describe('a job held by a node that dies', () => {
  it('is retried by another worker once its heartbeat stops, long before it would expire', async () => {
    const producer = await startJobs(tdb.url, [], () => undefined, { work: false });
    await ensureQueue(producer, QUEUE);
    const jobId = await producer.send(QUEUE, { study: 'x' });
    await producer.stop({ graceful: false });

    const holder = spawn(
      path.join(ROOT, 'node_modules/.bin/node'),
      [
        ...SERVER_NODE_FLAGS,
        '--import',
        'tsx',
        'apps/server/src/testing/jobHolder.ts',
        tdb.url,
        QUEUE,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    holder.stderr?.on('data', (b: Buffer) => (out += b.toString()));
    const held = await new Promise<string>((resolve, reject) => {
      holder.stdout?.on('data', (b: Buffer) => {
        const m = /holding (\S+)/.exec(b.toString());
        if (m) resolve(m[1]!);
      });
      holder.once('exit', (code) => reject(new Error(`holder exited ${code}:\n${out}`)));
    });
    expect(held).toBe(jobId);
    const exited = new Promise((r) => holder.once('exit', r));
    holder.kill('SIGKILL');
    await exited;

    // Another worker node. pg-boss's own expiry (900 s) is far beyond the wait below.
    boss = await startJobs(tdb.url, [], () => undefined);
    await ensureQueue(boss, QUEUE);
    const ran = new Promise<string>((resolve) => {
      void boss!.work(QUEUE, { pollingIntervalSeconds: 0.5 }, async ([job]) => resolve(job!.id));
    });
    const bound = (JOB_HEARTBEAT_SECONDS + 60) * 1000;
    const winner = await Promise.race([
      ran,
      new Promise<null>((r) => setTimeout(() => r(null), bound).unref()),
    ]);
    expect(winner, 'the dead node kept its job; nothing else ran it').toBe(jobId);
    const job = await boss.getJobById(QUEUE, jobId!);
    expect(job?.retryCount).toBe(1);
  }, 180_000);
});
