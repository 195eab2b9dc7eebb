import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  haproxyConfig,
  type HaproxyOptions,
  type LoadBalancedNode,
} from '../platform/loadBalancer/haproxyConfig';
import { freePort } from './serverProcess';

/** Debian's HAProxy in front of test nodes, with the configuration the operations guide gives. */
export interface HaproxyProcess {
  httpUrl: string;
  /** HAProxy's statistics page for a browser. */
  statsUrl: string;
  /** The generated configuration, while HAProxy runs. */
  configFile: string;
  pid: number;
  dicomPort: number;
  hl7Port: number | null;
  /** HAProxy's statistics page, as CSV rows keyed by `proxy/server`. */
  stats(): Promise<Map<string, Record<string, string>>>;
  output(): string;
  stop(): Promise<void>;
}

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

/**
 * Starts `haproxy` in the foreground on free loopback ports for `nodes`, checks its
 * configuration first (`haproxy -c`), and waits until its front doors listen and every node's
 * HTTP backend is up.
 */
export async function startHaproxy(
  nodes: readonly LoadBalancedNode[],
  opts: Pick<HaproxyOptions, 'proxyProtocol'> & {
    hl7?: boolean;
    /** Fixed loopback ports for the front doors (the try-out); free ones when absent. */
    ports?: { http?: number; dicom?: number; stats?: number };
  } = {},
): Promise<HaproxyProcess> {
  const httpPort = opts.ports?.http ?? (await freePort());
  const dicomPort = opts.ports?.dicom ?? (await freePort());
  const statsPort = opts.ports?.stats ?? (await freePort());
  const hl7Port = opts.hl7 ? await freePort() : null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-haproxy-'));
  const file = path.join(dir, 'haproxy.cfg');
  fs.writeFileSync(
    file,
    haproxyConfig({
      nodes,
      httpBind: `127.0.0.1:${httpPort}`,
      dicomBind: `127.0.0.1:${dicomPort}`,
      hl7Bind: hl7Port ? `127.0.0.1:${hl7Port}` : undefined,
      statsBind: `127.0.0.1:${statsPort}`,
      proxyProtocol: opts.proxyProtocol,
    }),
  );
  // `-n` caps connections below the configuration's maxconn: HAProxy wants two descriptors per
  // connection and exits when it cannot raise its limit that far, as in a container with a
  // 20000 hard limit; a test needs a few dozen.
  const child = spawn('haproxy', ['-db', '-n', '2000', '-f', file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  const stats = async () => {
    const text = await (await fetch(`http://127.0.0.1:${statsPort}/stats;csv`)).text();
    const [header, ...rows] = text.trim().split('\n');
    const cols = header!.replace(/^# /, '').split(',');
    const map = new Map<string, Record<string, string>>();
    for (const row of rows) {
      const cells = row.split(',');
      const rec = Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? '']));
      map.set(`${rec.pxname}/${rec.svname}`, rec);
    }
    return map;
  };
  const end = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haproxy exited ${child.exitCode}:\n${out}`);
    if (Date.now() > end) {
      child.kill('SIGKILL');
      throw new Error(`haproxy did not come up in 30 s:\n${out}`);
    }
    if ((await listening(httpPort)) && (await listening(dicomPort))) {
      const s = await stats().catch(() => null);
      const up = nodes
        .filter((n) => n.httpPort !== null)
        .every((n) => s?.get(`telerad_http/${n.name}`)?.status === 'UP');
      if (up) break;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    httpUrl: `http://127.0.0.1:${httpPort}`,
    statsUrl: `http://127.0.0.1:${statsPort}/stats`,
    configFile: file,
    pid: child.pid!,
    dicomPort,
    hl7Port,
    stats,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        const done = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await done;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
