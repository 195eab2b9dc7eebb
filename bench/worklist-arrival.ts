/**
 * Arrival to worklist (issue 4): from the last C-STORE response of a study, through the stability
 * period, to the `task.created` event arriving on an open WebSocket. Reports the time beyond the
 * configured quiet period; target p95 under 1 s.
 *
 * Starts the real server (demo mode, embedded PostgreSQL, TELERAD_STABLE_SECONDS=2), opens every
 * centre 24/7, signs in as the radiologist, opens /api/realtime, then sends N studies of two
 * instances each with storescu as DEMO1, one after another.
 *
 *   npm run bench:arrival [N]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { writeCxr } from '../apps/server/src/testing/dicomFixtures';
import { startServer, type ServerProcess } from '../apps/server/src/testing/serverProcess';
import { storescu } from './lib/peers';
import { apiLogin as login, openAllCentres } from '../e2e/support/api';

const N = Number(process.argv[2] ?? 20);
const QUIET_SECONDS = 2;
const QUIET_MS = QUIET_SECONDS * 1000;
const TIMEOUT_MS = 15_000;
const WARMUP = 1;

type Msg = { type?: string; taskId?: string; clinicId?: string; at?: string };

/** A signed-in realtime socket; `nextTaskCreated()` resolves with the arrival time of the next event. */
async function openSocket(baseUrl: string, cookie: string) {
  // Node's WebSocket (undici) takes request headers in a non-standard init object, as
  // apps/server/src/modules/realtime/realtime.int.test.ts does.
  const init = { headers: { cookie } } as unknown as string[];
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/realtime`, init);
  let waiter: ((at: number, m: Msg) => void) | undefined;
  let hello = false;
  let stray = 0;
  ws.addEventListener('message', (e) => {
    const at = performance.now();
    const m = JSON.parse(String(e.data)) as Msg;
    if (m.type === 'hello') hello = true;
    if (m.type !== 'task.created') return;
    if (waiter) {
      const w = waiter;
      waiter = undefined;
      w(at, m);
    } else stray++;
  });
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve(), { once: true });
    ws.addEventListener('error', () => reject(new Error('socket failed to open')), {
      once: true,
    });
  });
  return {
    ws,
    hasHello: () => hello,
    strays: () => stray,
    /** Arms the wait before the send so nothing can slip between. */
    arm(): Promise<{ at: number; msg: Msg }> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiter = undefined;
          reject(new Error(`no task.created within ${TIMEOUT_MS} ms`));
        }, TIMEOUT_MS);
        waiter = (at, msg) => {
          clearTimeout(timer);
          resolve({ at, msg });
        };
      });
    },
  };
}

function pct(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

let server: ServerProcess | undefined;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-arrival-'));
let exitCode = 0;
try {
  console.log(`Starting server (TELERAD_STABLE_SECONDS=${QUIET_SECONDS}) ...`);
  server = await startServer({
    env: { TELERAD_STABLE_SECONDS: String(QUIET_SECONDS), TELERAD_DEMO_STUDIES: '0' },
  });
  console.log(`  http ${server.url}, dicom ${server.dicomPort}`);
  await openAllCentres(server.url);
  const { cookie } = await login(server.url, 'radiologist');
  const sock = await openSocket(server.url, cookie);

  // Two instances per study, written up front so encoding is not timed.
  const studies: string[][] = [];
  for (let s = 0; s < WARMUP + N; s++) {
    const studyInstanceUid = `2.25.${BigInt('0x' + randomUUID().replace(/-/g, '')).toString()}`;
    const files: string[] = [];
    for (let i = 1; i <= 2; i++) {
      const f = await writeCxr(path.join(work, `s${s}-i${i}.dcm`), 'explicitLE', {
        rows: 256,
        columns: 256,
        study: { studyInstanceUid },
        instanceNumber: i,
      });
      files.push(f.path);
    }
    studies.push(files);
  }

  const beyond: number[] = [];
  console.log(
    `Sending ${N} studies (+${WARMUP} warm-up) x 2 instances as DEMO1, one after another ...`,
  );
  for (let s = 0; s < studies.length; s++) {
    const arrival = sock.arm();
    arrival.catch(() => undefined); // handled below; avoid an unhandled rejection while sending
    await storescu(studies[s]!, { port: server.dicomPort, aeTitle: 'TELERAD' }, 'DEMO1');
    const t0 = performance.now();
    const { at: t1, msg } = await arrival;
    const total = t1 - t0;
    const extra = total - QUIET_MS;
    const label = s < WARMUP ? 'warm-up' : `#${String(s - WARMUP + 1).padStart(2)}`;
    console.log(
      `  ${label.padEnd(7)} total ${total.toFixed(0).padStart(5)} ms  beyond quiet ${extra
        .toFixed(0)
        .padStart(5)} ms  task ${msg.taskId ?? '?'}`,
    );
    if (s >= WARMUP) beyond.push(extra);
  }

  const sorted = [...beyond].sort((a, b) => a - b);
  const p50 = pct(sorted, 50);
  const p95 = pct(sorted, 95);
  const max = sorted[sorted.length - 1]!;
  const min = sorted[0]!;
  const ok = p95 < 1000;
  console.log('');
  console.log(
    `Arrival to worklist, time beyond the ${QUIET_MS} ms quiet period (n=${beyond.length}):`,
  );
  console.log(`  min ${min.toFixed(0)} ms`);
  console.log(`  p50 ${p50.toFixed(0)} ms`);
  console.log(`  p95 ${p95.toFixed(0)} ms   (target < 1000 ms: ${ok ? 'PASS' : 'FAIL'})`);
  console.log(`  max ${max.toFixed(0)} ms`);
  console.log(`  (hello received: ${sock.hasHello()}; unmatched task.created: ${sock.strays()})`);
  sock.ws.close();
  if (!ok) exitCode = 1;
} catch (err) {
  console.error(err);
  if (server) console.error(server.output().slice(-4000));
  exitCode = 1;
} finally {
  await server?.stop();
  fs.rmSync(work, { recursive: true, force: true });
}
process.exit(exitCode);
