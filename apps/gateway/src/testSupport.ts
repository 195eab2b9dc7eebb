import { execFile, spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import dcmjs from 'dcmjs';
import { GatewayConfig, parseConfig } from './config';
import { createLogger, type Logger } from './log';
import type { DiskQueue } from './queue/diskQueue';
import type { StagedFile } from './queue/staging';

const SECONDARY_CAPTURE = '1.2.840.10008.5.1.4.1.1.7';
const EXPLICIT_LE = '1.2.840.10008.1.2.1';

/** What a test instance is made of; attributes are 8-hex-digit tags with a VR and values. */
export interface TestInstance {
  sopInstanceUid?: string;
  studyInstanceUid?: string;
  attributes?: Record<string, { vr: string; Value: unknown[] }>;
}

/** A small Explicit VR Little Endian Part 10 instance (4×4 pixels), written with dcmjs. */
export function part10(opts: TestInstance = {}): {
  bytes: Buffer;
  sopInstanceUid: string;
  studyInstanceUid: string;
} {
  const sopInstanceUid = opts.sopInstanceUid ?? dcmjs.data.DicomMetaDictionary.uid();
  const studyInstanceUid = opts.studyInstanceUid ?? dcmjs.data.DicomMetaDictionary.uid();
  const dict = new dcmjs.data.DicomDict({
    '00020001': { vr: 'OB', Value: [new Uint8Array([0, 1]).buffer] },
    '00020002': { vr: 'UI', Value: [SECONDARY_CAPTURE] },
    '00020003': { vr: 'UI', Value: [sopInstanceUid] },
    '00020010': { vr: 'UI', Value: [EXPLICIT_LE] },
    '00020012': { vr: 'UI', Value: ['2.25.1'] },
  });
  dict.dict = {
    '00080016': { vr: 'UI', Value: [SECONDARY_CAPTURE] },
    '00080018': { vr: 'UI', Value: [sopInstanceUid] },
    '00080060': { vr: 'CS', Value: ['OT'] },
    '0020000D': { vr: 'UI', Value: [studyInstanceUid] },
    '0020000E': { vr: 'UI', Value: [dcmjs.data.DicomMetaDictionary.uid()] },
    '00280002': { vr: 'US', Value: [1] },
    '00280004': { vr: 'CS', Value: ['MONOCHROME2'] },
    '00280010': { vr: 'US', Value: [4] },
    '00280011': { vr: 'US', Value: [4] },
    '00280100': { vr: 'US', Value: [8] },
    '00280101': { vr: 'US', Value: [8] },
    '00280102': { vr: 'US', Value: [7] },
    '00280103': { vr: 'US', Value: [0] },
    ...opts.attributes,
    '7FE00010': { vr: 'OB', Value: [new Uint8Array(16).fill(7).buffer] },
  };
  return { bytes: Buffer.from(dict.write()), sopInstanceUid, studyInstanceUid };
}

/** A fresh temporary directory. */
export function tempDir(prefix = 'telerad-gw-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/** A logger that writes nothing (tests read the queue, not the log). */
export function quietLog(): Logger {
  return createLogger('silent');
}

/** Stages `bytes` in `queue` as reception would, and returns the staged file. */
export async function stageBytes(queue: DiskQueue, bytes: Buffer): Promise<StagedFile> {
  const writer = queue.stage();
  writer.end(bytes);
  return writer.staged;
}

/** A valid configuration for tests, overridable per field; paths are resolved from `dir`. */
export function testConfig(dir: string, overrides: Partial<GatewayConfig> = {}): GatewayConfig {
  return parseConfig(
    {
      centreUrl: 'http://127.0.0.1:9',
      dataDir: 'data',
      aeTitle: 'TELERAD_GW',
      allowedSenders: [{ aeTitle: 'MODALITY' }],
      ...overrides,
    },
    dir,
  );
}

/** Writes `config` as JSON to `<dir>/telerad-gateway.json` and returns its path. */
export async function writeConfigFile(
  dir: string,
  config: Record<string, unknown>,
): Promise<string> {
  const file = path.join(dir, 'telerad-gateway.json');
  await writeFile(file, JSON.stringify(config, null, 2));
  return file;
}

export { GatewayConfig };

/** The CLI as a clinic runs it (`npx telerad-gateway`), through the workspace's bin. */
export const GATEWAY_BIN = path.resolve(import.meta.dirname, '../bin/telerad-gateway.js');

/** A gateway started as a child process with `run`. */
export interface GatewayProcess {
  child: ChildProcess;
  /** Everything it logged so far (JSON lines). */
  output(): string;
  /** Resolves with the exit code (or signal) once it exited. */
  exited: Promise<number | NodeJS.Signals | null>;
}

/** Runs `telerad-gateway <args>` to completion; resolves with its exit code and output. */
export function runCli(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [GATEWAY_BIN, ...args], (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Starts `telerad-gateway run --config <file>` and resolves once its status page answers. */
export async function startGatewayProcess(
  configFile: string,
  statusPort: number,
): Promise<GatewayProcess> {
  const child = spawn(process.execPath, [GATEWAY_BIN, 'run', '--config', configFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | NodeJS.Signals | null>((r) =>
    child.once('exit', (code, signal) => r(code ?? signal)),
  );
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the gateway exited at start:\n${out}`);
    const ok = await fetch(`http://127.0.0.1:${statusPort}/status.json`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output: () => out, exited };
}

/** A TCP port free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A gateway's test folder, configuration file and ports, before it is started. */
export interface GatewaySetup {
  dir: string;
  configFile: string;
  dicomPort: number;
  statusPort: number;
}

/**
 * Writes a configuration in a new temporary folder: AE title `CLINIC_GW` on free ports, data in
 * `data/`, accepting `CR_ROOM1`, a centre nobody listens on; `extra` adds or replaces settings.
 */
export async function gatewaySetup(extra: Record<string, unknown> = {}): Promise<GatewaySetup> {
  const dir = await tempDir();
  const [dicomPort, statusPort] = [await freePort(), await freePort()];
  const configFile = await writeConfigFile(dir, {
    centreUrl: `http://127.0.0.1:${await freePort()}`,
    dataDir: 'data',
    aeTitle: 'CLINIC_GW',
    port: dicomPort,
    statusPort,
    allowedSenders: [{ aeTitle: 'CR_ROOM1' }],
    ...extra,
  });
  return { dir, configFile, dicomPort, statusPort };
}

/** Kills a gateway child at once (kill -9) and waits for it to be gone. */
export async function killGateway(gateway: GatewayProcess | undefined): Promise<void> {
  if (!gateway || gateway.child.exitCode !== null || gateway.child.signalCode !== null) return;
  gateway.child.kill('SIGKILL');
  await gateway.exited;
}

/**
 * DCMTK's storescu (verbose) from `aet` to the gateway on `port`; resolves with whether it
 * exited 0 and its output (per-instance statuses such as `Refused: OutOfResources`).
 */
export function storescu(
  port: number,
  aet: string,
  files: string[],
  opts: string[] = [],
): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    execFile(
      'storescu',
      ['-v', ...opts, '-aet', aet, '-aec', 'CLINIC_GW', '127.0.0.1', String(port), ...files],
      (err, stdout, stderr) => resolve({ ok: !err, output: `${stdout}${stderr}` }),
    );
  });
}

/** Pixel Data (7FE0,0010), compared as bytes. */
const PIXEL_DATA = '7FE00010';

/** The bytes of an element value (numbers, strings, binary or nested) for comparison. */
function valueKey(value: unknown): string {
  if (value instanceof ArrayBuffer) return Buffer.from(value).toString('base64');
  if (ArrayBuffer.isView(value))
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (Array.isArray(value)) return `[${value.map(valueKey).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.entries(value)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}:${valueKey(v)}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/**
 * Compares two Part 10 files' datasets (the 0002 file meta group left out: it names the transfer
 * syntax and the writer): answers one line per attribute that is missing, extra or different,
 * Pixel Data byte for byte, so `[]` means the same instance.
 */
export function sameDataset(expected: Buffer, actual: Buffer): string[] {
  const read = (b: Buffer) =>
    dcmjs.data.DicomMessage.readFile(
      b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer,
    ).dict as Record<string, { vr: string; Value?: unknown[] }>;
  const a = read(expected);
  const b = read(actual);
  const out: string[] = [];
  for (const tag of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[tag];
    const y = b[tag];
    if (!x || !y) out.push(`${tag}: ${x ? 'missing' : 'added'}`);
    else if (tag === PIXEL_DATA) {
      const bytes = (e: typeof x) =>
        Buffer.concat((e.Value as ArrayBuffer[]).map((v) => Buffer.from(v)));
      if (!bytes(x).equals(bytes(y))) out.push(`${tag}: pixel data differs`);
    } else if (valueKey(x.Value) !== valueKey(y.Value))
      out.push(`${tag}: ${valueKey(x.Value).slice(0, 80)} ≠ ${valueKey(y.Value).slice(0, 80)}`);
  }
  return out;
}

/**
 * Polls `check` every 50 ms until it holds (a throw counts as not yet), for two minutes at most,
 * so a stuck gateway fails the test; `detail` adds what helps to read the failure (its log).
 */
export async function until(
  what: string,
  check: () => Promise<boolean> | boolean,
  detail: () => string = () => '',
): Promise<void> {
  for (let i = 0; i < 2400; i++) {
    if (
      await Promise.resolve()
        .then(check)
        .catch(() => false)
    )
      return;
    await new Promise((r) => setTimeout(r, 50));
  }
  const more = detail();
  throw new Error(`gave up waiting for ${what}${more ? `:\n${more}` : ''}`);
}

/** The gateway's `/status.json` on its status port, read as `T`. */
export async function statusOf<T>(statusPort: number): Promise<T> {
  return (await (await fetch(`http://127.0.0.1:${statusPort}/status.json`)).json()) as T;
}
