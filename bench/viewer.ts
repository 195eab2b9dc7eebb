/**
 * Viewer first image (issue 5): in Debian's Chromium against a real server on localhost, the time
 *  - from opening a task on the worklist (the click that claims it) to the first full-resolution
 *    render of its 2500×2048 12-bit CXR (the viewer's IMAGE_RENDERED event with the loaded
 *    image's full size and quality), and
 *  - from pressing C to the full-resolution render of the most recent prior beside it.
 * For an uncompressed (Explicit VR Little Endian) and an HTJ2K lossless study. Target: under 1 s.
 *
 * Each run uses its own patient (a current study and one prior) and a fresh browser context, so
 * nothing is cached from an earlier run; the reader is signed in and on the worklist, as at work.
 *
 *   npm run bench:viewer [runs=5]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { writeCxr, type SyntaxKey } from '../apps/server/src/testing/dicomFixtures';
import { startServer, type ServerProcess } from '../apps/server/src/testing/serverProcess';
import { launchBrowser, newPage } from '../e2e/support/browser';
import { LoginPage } from '../e2e/support/pages';
import { apiLogin, openAllCentres } from '../e2e/support/api';
import { stowFiles, waitForFullRender, waitForTask } from '../e2e/support/reading';

const RUNS = Math.max(5, Number(process.argv[2] ?? 5));
const WARMUP = 1;
const SIZE = { rows: 2500, columns: 2048 };
const TARGET_MS = 1000;
const VARIANTS: { label: string; syntax: SyntaxKey }[] = [
  { label: 'uncompressed (Explicit VR LE)', syntax: 'explicitLE' },
  { label: 'HTJ2K lossless', syntax: 'htj2kLossless' },
];

interface Case {
  taskId: string;
  patientId: string;
}

function pct(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** Writes and sends `count` patients, each a prior PA (2024) and a current PA (2026). */
async function prepare(
  server: ServerProcess,
  work: string,
  syntax: SyntaxKey,
  count: number,
): Promise<Case[]> {
  const admin = await apiLogin(server.url, 'admin');
  const cases: Case[] = [];
  for (let i = 0; i < count; i++) {
    const patient = { name: `BENCH^VIEWER ${syntax} ${i}`, id: `BV-${syntax}-${i}-${Date.now()}` };
    const prior = await writeCxr(path.join(work, `${syntax}-${i}-prior.dcm`), syntax, {
      ...SIZE,
      seed: 1000 + i * 2,
      patient,
      study: { studyDate: '20240506' },
    });
    const current = await writeCxr(path.join(work, `${syntax}-${i}-current.dcm`), syntax, {
      ...SIZE,
      seed: 1001 + i * 2,
      patient,
      study: { studyDate: '20261115' },
    });
    await stowFiles(server.url, [prior.path]);
    await stowFiles(server.url, [current.path]);
    const taskId = await waitForTask(server.url, admin, current.studyInstanceUid, patient.id);
    cases.push({ taskId, patientId: patient.id });
    fs.rmSync(prior.path);
    fs.rmSync(current.path);
  }
  return cases;
}

/** One run: worklist → click the task → full image; C → full prior. Answers both times (ms). */
async function run(browser: Browser, baseUrl: string, c: Case): Promise<[number, number]> {
  const { page, context } = await newPage(browser, baseUrl);
  try {
    page.setDefaultTimeout(30_000);
    await new LoginPage(page).open().then((l) => l.signIn('radiologist'));
    await page.goto(`/worklist?q=${encodeURIComponent(c.patientId)}`);
    const row = page.locator(`tr[data-task-id="${c.taskId}"]`);
    await row.waitFor();
    // The worklist fetches the viewer's code in the background; a reader has it by the time
    // they pick a task.
    await page.waitForLoadState('networkidle');
    const t0 = Date.now();
    await row.click();
    const first = await waitForFullRender(page, { ...SIZE, since: t0, viewportId: 'vp-0' });
    const t1 = Date.now();
    await page.keyboard.press('c');
    const second = await waitForFullRender(page, { ...SIZE, since: t1, viewportId: 'vp-1' });
    return [first.at - t0, second.at - t1];
  } finally {
    await context.close();
  }
}

let server: ServerProcess | undefined;
let browser: Browser | undefined;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-bench-viewer-'));
let exitCode = 0;
try {
  server = await startServer({
    env: { TELERAD_STABLE_SECONDS: '1', TELERAD_DEMO_STUDIES: '0' },
  });
  await openAllCentres(server.url);
  browser = await launchBrowser();
  console.log(
    `viewer benchmark: ${RUNS} runs (+${WARMUP} warm-up) per syntax, ${SIZE.columns}×${SIZE.rows} 12-bit`,
  );
  const rows: string[] = [];
  for (const v of VARIANTS) {
    const cases = await prepare(server, work, v.syntax, RUNS + WARMUP);
    const open: number[] = [];
    const compare: number[] = [];
    for (const [i, c] of cases.entries()) {
      const [a, b] = await run(browser, server.url, c);
      if (i < WARMUP) continue;
      open.push(a);
      compare.push(b);
    }
    for (const [what, xs] of [
      ['open task → full image', open],
      ['C → full prior beside', compare],
    ] as const) {
      const s = [...xs].sort((x, y) => x - y);
      const p95 = pct(s, 95);
      if (p95 >= TARGET_MS) exitCode = 1;
      rows.push(
        `${v.label.padEnd(30)} ${what.padEnd(24)} p50 ${String(pct(s, 50)).padStart(5)} ms  p95 ${String(p95).padStart(5)} ms  ${p95 < TARGET_MS ? 'ok' : 'OVER 1 s'}   runs: ${xs.join(', ')}`,
      );
    }
  }
  console.log(rows.join('\n'));
} catch (e) {
  console.error(e);
  if (server) console.error(server.output().slice(-3000));
  exitCode = 2;
} finally {
  await browser?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
}
process.exit(exitCode);
