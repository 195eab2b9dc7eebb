/**
 * Slow links (issue 17 §5): in Debian's Chromium against a real demo server on localhost, with
 * the network throttled through the DevTools protocol (Network.emulateNetworkConditions), the
 * time from navigation start to
 *  - a usable login page: the Username and Password fields and the Sign in button visible and
 *    enabled;
 *  - the clinic Reports list (signed in as clinic1): the Reports heading and the table or its
 *    empty state;
 *  - a clinic study page (clinic1, a DEMO1 study): the study header and its tabs;
 * over two profiles (750 kbit/s with 300 ms RTT; 240 kbit/s with 600 ms RTT), cold (a new user
 * data directory, so an empty HTTP cache) and warm (the second visit, same profile).
 * Targets: the cold login page under 5 s and under 12 s. Also prints the KB a cold visit
 * downloaded (as sent: compressed where it was).
 *
 * Each cold visit gets its own profile; the signed-in pages get the session cookie before the
 * visit (a clinic opening a bookmark), so their times are the page's own, not the sign-in's.
 *
 *   npm run bench:slowlink [runs=3]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type ServerProcess } from '../apps/server/src/testing/serverProcess';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/support/browser';
import { apiCall, apiLogin } from '../e2e/support/api';

const RUNS = Math.max(1, Number(process.argv[2] ?? 3));

interface Profile {
  label: string;
  kbits: number;
  rttMs: number;
  /** Target for the cold login page, in ms. */
  loginTargetMs: number;
}

const PROFILES: Profile[] = [
  { label: '750 kbit/s, 300 ms RTT', kbits: 750, rttMs: 300, loginTargetMs: 5000 },
  { label: '240 kbit/s, 600 ms RTT', kbits: 240, rttMs: 600, loginTargetMs: 12_000 },
];

interface Target {
  label: string;
  path: string;
  /** Whether the visit carries clinic1's session cookie. */
  signedIn: boolean;
  /** Resolves once the page is usable. */
  ready(page: Page): Promise<void>;
}

/** Starts Chromium on its own new user data directory: an empty HTTP cache. */
async function coldContext(baseURL: string): Promise<{ context: BrowserContext; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-bench-slowlink-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    baseURL,
    viewport: { width: 1440, height: 900 },
    args: CHROMIUM_ARGS,
  });
  return { context, dir };
}

/** One visit: ms to a usable page, and the bytes that came over the wire meanwhile. */
interface Visit {
  ms: number;
  bytes: number;
}

/** Opens `target` on a new throttled page of `context` and times it until usable. */
async function visit(context: BrowserContext, p: Profile, target: Target): Promise<Visit> {
  const page = await context.newPage();
  page.setDefaultTimeout(180_000);
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const bytesPerSecond = (p.kbits * 1000) / 8;
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: p.rttMs,
      downloadThroughput: bytesPerSecond,
      uploadThroughput: bytesPerSecond,
    });
    let bytes = 0;
    cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
    const t0 = Date.now();
    await page.goto(target.path, { waitUntil: 'commit' });
    await target.ready(page);
    return { ms: Date.now() - t0, bytes };
  } finally {
    await page.close();
  }
}

/** Waits until the sign-in form's fields and button are visible and enabled. */
async function usable(page: Page): Promise<void> {
  const fields = [
    page.getByLabel('Username'),
    page.getByLabel('Password'),
    page.getByRole('button', { name: 'Sign in' }),
  ];
  for (const f of fields) await f.waitFor({ state: 'visible' });
  const handles = await Promise.all(fields.map((f) => f.elementHandle()));
  await page.waitForFunction(
    (els) => els.every((e) => e !== null && !(e as HTMLInputElement).disabled),
    handles,
  );
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

let server: ServerProcess | undefined;
let exitCode = 0;
const dirs: string[] = [];
try {
  server = await startServer({});
  const baseUrl = server.url;
  const clinic = await apiLogin(baseUrl, 'clinic1');
  const { studies } = await apiCall<{ studies: { studyUid: string }[] }>(
    baseUrl,
    clinic,
    'GET',
    '/api/studies',
  );
  const studyUid = studies[0]?.studyUid;
  if (!studyUid) throw new Error('clinic1 sees no demo study');
  const [cookieName, ...rest] = clinic.cookie.split('=');
  const cookie = { name: cookieName!, value: rest.join('='), url: baseUrl };

  const targets: Target[] = [
    { label: 'login page', path: '/', signedIn: false, ready: usable },
    {
      label: 'clinic Reports list',
      path: '/reports',
      signedIn: true,
      ready: async (page) => {
        await page.getByRole('heading', { name: 'Reports', exact: true }).waitFor();
        await page
          .getByRole('table')
          .or(page.getByText('No released reports yet'))
          .first()
          .waitFor();
      },
    },
    {
      label: 'clinic study page',
      path: `/studies/${encodeURIComponent(studyUid)}`,
      signedIn: true,
      ready: async (page) => {
        await page.getByRole('tab', { name: 'Images' }).waitFor();
      },
    },
  ];

  console.log(`slow-link benchmark: ${RUNS} run(s) per cell, median shown (ms)`);
  const rows: string[] = [];
  for (const p of PROFILES) {
    for (const t of targets) {
      const cold: number[] = [];
      const warm: number[] = [];
      let coldBytes = 0;
      for (let i = 0; i < RUNS; i++) {
        const { context, dir } = await coldContext(baseUrl);
        dirs.push(dir);
        try {
          if (t.signedIn) await context.addCookies([cookie]);
          const first = await visit(context, p, t);
          cold.push(first.ms);
          coldBytes = first.bytes;
          warm.push((await visit(context, p, t)).ms);
        } finally {
          await context.close();
        }
      }
      const c = median(cold);
      const verdict =
        t.label === 'login page'
          ? c < p.loginTargetMs
            ? '  ok'
            : `  OVER ${p.loginTargetMs} ms`
          : '';
      if (t.label === 'login page' && c >= p.loginTargetMs) exitCode = 1;
      rows.push(
        `${p.label.padEnd(24)} ${t.label.padEnd(20)} cold ${String(c).padStart(6)}  warm ${String(median(warm)).padStart(6)}  cold ${String(Math.round(coldBytes / 1024)).padStart(5)} KB${verdict}   cold runs: ${cold.join(', ')}; warm runs: ${warm.join(', ')}`,
      );
      console.log(rows.at(-1));
    }
  }
} catch (e) {
  console.error(e);
  if (server) console.error(server.output().slice(-3000));
  exitCode = 2;
} finally {
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
}
process.exit(exitCode);
