/**
 * The clinic gateway's upload over an emulated clinic link (`npm run bench:gateway`, as root):
 * the Telerad server runs in the root network namespace, the gateway's transfer loop in its own
 * namespace (`ip netns`), joined by two TUN devices and a user-space link emulator
 * (bench/lib/linkEmulator.py, since this kernel has no netem qdisc): 150 ms delay each way
 * (300 ms RTT), 2 % random loss on the upload direction, 2 Mbit/s each way, a 200-packet buffer.
 *
 * Three runs of 20 synthetic chest radiographs each (fresh UIDs per run):
 *  1. without compression; 2. with JPEG-LS lossless: upload time, bytes on the wire (the
 *     gateway interface's tx_bytes: IP, TCP, HTTP and retransmissions included), ratio,
 *     compression saving, and how busy the link was while the queue drained (bytes the
 *     emulator serialised upward ÷ (rate × drain time));
 *  3. JPEG-LS again with the link cut (every packet lost both ways) for 60 s once a third of the
 *     instances are stored, then restored: every instance must be stored exactly once (QIDO per
 *     study lists each SOP Instance UID once), and the drain time is printed;
 *  4. (first, and alone with `ack`) local C-STORE acknowledgement latency at the gateway's real
 *     receiver: p50/p95/max with the WAN idle, saturated by the upload, and cut
 *     (bench/lib/ackLatency.ts). The gateway here is the real receiver, disk queue and upload
 *     (bench/gatewayAgent.ts); the "modality" stores over the namespace's loopback.
 *
 * The images: `makeCxr` (apps/server/src/testing/dicom/synthCxr.ts), an anatomical phantom (body,
 * lungs with rib shadows and vessel texture, heart, spine, diaphragms) with the detector noise
 * model (detectorNoise.ts: quantum noise at a typical chest dose plus electronic noise, the signal
 * using at most 14 bits), blurred by a CsI scintillator, with a collimated border and saturated
 * direct exposure (detectorField.ts); per bit depth the bench prints the lung field's σ in stored
 * units, SNR and neighbour correlation, the border / direct-exposure / patient fractions and the
 * JPEG-LS ratio (bench/lib/phantomNoise.ts). Bit depths cycle 12, 12, 14, 16 (processed CXRs are
 * mostly stored as 12 bits in 16 allocated, some as 14 or 16).
 *
 *   npm run bench:gateway [size=1024] [count=20] [outage|ack|compression]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeCxr, encodeCxr } from '../apps/server/src/testing/dicomFixtures';
import { SERVER_NODE_FLAGS, waitForHealth } from '../apps/server/src/testing/serverProcess';
import { ackLatencyRun } from './lib/ackLatency';
import { runAgent, type Drained } from './lib/agentRun';
import { BENCH_DEPTHS, BENCH_FIELD, printPhantomNoise } from './lib/phantomNoise';
import {
  HOST_IP,
  link,
  RATE_BPS,
  setCut,
  setUpLink,
  tearDownLink,
  txBytes,
} from './lib/clinicLink';

const SIZE = Number(process.argv[2] ?? 1024);
const COUNT = Number(process.argv[3] ?? 20);
/**
 * `outage` runs only the cut-link run (the compression runs take five minutes); `ack` only the
 * local acknowledgement run; `compression` only the two compression runs (bytes on the wire).
 */
const ONLY = process.argv[4];
/** Acknowledgement probes per WAN state (idle, saturated, cut). */
const PROBES = 40;

/** One phantom written for the bench, with the identity QIDO is checked against. */
interface BenchFile {
  path: string;
  sopInstanceUid: string;
  studyInstanceUid: string;
}
const ROOT = path.resolve(import.meta.dirname, '..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');
/** Makes `COUNT` images for run `run`, with the detector model and the realistic field. */
async function makeSet(dir: string, run: number): Promise<BenchFile[]> {
  const out: BenchFile[] = [];
  for (let i = 0; i < COUNT; i++) {
    const bitsStored = BENCH_DEPTHS[i % BENCH_DEPTHS.length]!;
    const image = makeCxr({
      rows: SIZE,
      columns: SIZE,
      bitsStored,
      seed: run * 1000 + i + 1,
      noise: 'detector',
      field: BENCH_FIELD,
    });
    const { bytes } = await encodeCxr(image, 'explicitLE');
    const file = path.join(dir, `run${run}-${i}.dcm`);
    fs.writeFileSync(file, bytes);
    out.push({
      path: file,
      sopInstanceUid: image.sopInstanceUid,
      studyInstanceUid: image.study.studyInstanceUid,
    });
  }
  return out;
}

async function apiToken(url: string): Promise<string> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'clinic1', password: 'telerad-demo' }),
  });
  const cookie = login.headers.getSetCookie().find((c) => c.startsWith('telerad_session='))!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const res = await fetch(`${url}/api/auth/tokens`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: cookie.split(';')[0]!,
      'x-csrf-token': csrfToken,
    },
    body: JSON.stringify({ name: 'bench gateway', expiresInDays: 1 }),
  });
  return ((await res.json()) as { token: string }).token;
}

type Run = Drained & { tx: number; serialised: number };

/** Prints the compression runs: times, bytes on the wire, ratio, saving, link use. */
function report(results: Record<string, Run>): void {
  const none = results.none!;
  const jls = results['jpeg-ls']!;
  const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;
  const busy = (r: Run) => `${(((r.serialised * 8) / (RATE_BPS * r.seconds)) * 100).toFixed(0)} %`;
  console.log(`\nUpload of ${COUNT} CXRs:`);
  for (const [label, r] of [
    ['without compression', none],
    ['JPEG-LS lossless   ', jls],
  ] as const)
    console.log(
      `  ${label}: ${r.seconds.toFixed(1)} s, on the wire ${mb(r.tx)} (payload ${mb(r.wireBytes)} of ${mb(r.originalBytes)}), link busy ${busy(r)}, errors ${r.errors.join(',') || 'none'}`,
    );
  console.log(
    `  time ratio ${(none.seconds / jls.seconds).toFixed(2)}×, wire bytes ratio ${(none.tx / jls.tx).toFixed(2)}×, compression saving ${(((jls.originalBytes - jls.wireBytes) / jls.originalBytes) * 100).toFixed(1)} % (${(jls.originalBytes / jls.wireBytes).toFixed(2)}×)`,
  );
}

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('bench:gateway needs root (ip netns, tc)');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-bench-gw-'));
  fs.chmodSync(work, 0o755);
  let server: ChildProcess | undefined;
  try {
    await setUpLink();
    console.log(
      `Link: TUN + user-space emulator, 150 ms each way (RTT 300 ms), 2 % loss upload, ${RATE_BPS / 1e6} Mbit/s each way; ${COUNT} CXRs of ${SIZE}×${SIZE}`,
    );
    await printPhantomNoise(SIZE);
    const sets =
      ONLY === 'ack'
        ? []
        : [await makeSet(work, 1), await makeSet(work, 2), await makeSet(work, 3)];
    const port = 20_000 + Math.floor(Math.random() * 10_000);
    const dataDir = path.join(work, 'centre');
    fs.mkdirSync(dataDir, { mode: 0o755 });
    server = spawn(NODE, [...SERVER_NODE_FLAGS, '--import', 'tsx', 'apps/server/src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: '',
        TELERAD_DEMO: '1',
        TELERAD_DEMO_STUDIES: '0',
        TELERAD_DATA_DIR: dataDir,
        TELERAD_HTTP_PORT: String(port),
        TELERAD_HTTP_HOST: HOST_IP,
        TELERAD_DICOM_PORT: String(port + 1),
        TELERAD_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const url = `http://${HOST_IP}:${port}`;
    await waitForHealth(url, 180_000, server);
    const token = await apiToken(url);
    const base = {
      batchCount: 10,
      batchBytes: 8 * 1024 * 1024,
      tusAboveBytes: 4 * 1024 * 1024,
      concurrency: 2,
      backoffBaseMs: 1000,
      backoffCapMs: 8000,
      requestTimeoutMs: 15_000,
    };
    if (!ONLY || ONLY === 'ack') {
      const ackSet = await makeSet(work, 4);
      await ackLatencyRun(
        {
          centreUrl: url,
          token,
          dataDir: fs.mkdtempSync(path.join(work, 'gw-ack-')),
          files: ackSet.slice(0, Math.ceil(COUNT / 2)).map((f) => f.path),
          config: { ...base, compression: 'jpeg-ls' },
        },
        ackSet.slice(Math.ceil(COUNT / 2)).map((f) => f.path),
        PROBES,
      );
    }
    if (ONLY === 'ack') return;
    const results: Record<string, Run> = {};
    for (const [name, files, compression] of ONLY === 'outage'
      ? []
      : ([
          ['none', sets[0]!, 'none'],
          ['jpeg-ls', sets[1]!, 'jpeg-ls'],
        ] as const)) {
      const gwDir = fs.mkdtempSync(path.join(work, `gw-${name}-`));
      const before = txBytes();
      const serialisedBefore = link.up;
      const r = await runAgent({
        centreUrl: url,
        token,
        dataDir: gwDir,
        files: files.map((f) => f.path),
        config: { ...base, compression, gzipFallback: compression !== 'none' },
      });
      // The emulator reports once a second: wait for its count to cover the run.
      await new Promise((res) => setTimeout(res, 1500));
      results[name] = { ...r, tx: txBytes() - before, serialised: link.up - serialisedBefore };
    }
    if (ONLY !== 'outage') report(results);
    if (ONLY === 'compression') return;

    // The outage: cut once a third is stored, for 60 s, then restore.
    const files = sets[2]!;
    const gwDir = fs.mkdtempSync(path.join(work, 'gw-outage-'));
    let cut: Promise<void> | undefined;
    let cutAt = 0;
    const r = await runAgent(
      {
        centreUrl: url,
        token,
        dataDir: gwDir,
        files: files.map((f) => f.path),
        config: { ...base, compression: 'jpeg-ls' },
      },
      ({ type, n }) => {
        if (type !== 'stored' || cut || n! < Math.ceil(COUNT / 3)) return;
        cutAt = performance.now();
        setCut(true);
        console.log(`\nOutage: link cut after ${n} stored, for 60 s`);
        cut = new Promise<void>((res) =>
          setTimeout(() => {
            setCut(false);
            res();
          }, 60_000),
        );
      },
    );
    const endedAt = performance.now();
    await cut;
    const restoredAt = cutAt + 60_000;
    // Exactly once: QIDO per study, and no second version of any instance.
    const byStudy = new Map<string, Set<string>>();
    for (const f of files)
      byStudy.set(
        f.studyInstanceUid,
        (byStudy.get(f.studyInstanceUid) ?? new Set()).add(f.sopInstanceUid),
      );
    let found = 0;
    let duplicates = 0;
    for (const [study, sops] of byStudy) {
      const res = await fetch(`${url}/dicomweb/studies/${study}/instances`, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/dicom+json' },
      });
      const rows = (await res.json()) as Record<string, { Value?: string[] }>[];
      const uids = rows.map((x) => x['00080018']?.Value?.[0]);
      found += uids.filter((u) => u && sops.has(u)).length;
      duplicates += uids.length - new Set(uids).size;
    }
    console.log(
      `  stored ${r.successes}/${COUNT}; QIDO finds ${found}/${COUNT}, duplicates ${duplicates}; drained ${r.seconds.toFixed(1)} s after start, ${cutAt ? `${((endedAt - restoredAt) / 1000).toFixed(1)} s after the link came back` : 'before any cut'}; errors ${r.errors.join(',') || 'none'}`,
    );
  } finally {
    if (server && server.exitCode === null) {
      const done = new Promise((res) => server!.once('exit', res));
      server.kill('SIGTERM');
      await done;
    }
    tearDownLink();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

await main();
