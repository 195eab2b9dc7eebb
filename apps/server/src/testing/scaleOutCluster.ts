import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { DEMO_PASSWORD } from '../modules/demo';
import { forEachPart, parseMediaType } from '../modules/dicomweb/multipart';
import { basic, stowBody } from '../modules/dicomweb/testSupport';
import { run } from '../modules/dimse/testSupport';
import { startHaproxy, type HaproxyProcess } from './haproxy';
import { startS3Server, type S3TestServer } from './s3Server';
import { freePort, startServer, type ServerProcess } from './serverProcess';
import { createTestDb, type TestDb } from './testDb';

/**
 * A scale-out deployment for tests (docs/operations/scale-out.md): two real Telerad processes
 * with every role, one PostgreSQL database, one S3-protocol server (s3rver) as both nodes'
 * archive, and Debian's HAProxy in front with the configuration `haproxyConfig` makes.
 */
export interface ScaleOutCluster {
  tdb: TestDb;
  s3: S3TestServer;
  lb: HaproxyProcess;
  nodes: Record<'a' | 'b', ClusterNode>;
  /** Restarts a stopped or killed node on its own ports, data directory and settings. */
  restart(name: 'a' | 'b'): Promise<void>;
  stop(): Promise<void>;
}

/** One node of the cluster; `server` is replaced when the node restarts. */
export interface ClusterNode {
  name: 'a' | 'b';
  httpPort: number;
  dicomPort: number;
  dataDir: string;
  env: Record<string, string>;
  server: ServerProcess;
}

/** Starts the cluster: the database and bucket first, then node A (which seeds), then B, then HAProxy. */
export async function startScaleOutCluster(): Promise<ScaleOutCluster> {
  const tdb = await createTestDb();
  const s3 = await startS3Server('archive/');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-scale-'));
  fs.chmodSync(root, 0o755);
  const common: Record<string, string> = {
    DATABASE_URL: tdb.url,
    TELERAD_DEMO: '1',
    TELERAD_DEMO_STUDIES: '0',
    TELERAD_STABLE_SECONDS: '1',
    TELERAD_STORAGE: 's3',
    TELERAD_S3_BUCKET: s3.settings.bucket,
    TELERAD_S3_PREFIX: s3.settings.prefix,
    TELERAD_S3_ENDPOINT: s3.settings.endpoint!,
    TELERAD_S3_REGION: s3.settings.region,
    TELERAD_S3_ACCESS_KEY_ID: 'S3RVER',
    TELERAD_S3_SECRET_ACCESS_KEY: 'S3RVER',
  };
  const nodes = {} as Record<'a' | 'b', ClusterNode>;
  // One after the other: each node seeds the demo organisation at start-up.
  for (const name of ['a', 'b'] as const) {
    const dataDir = path.join(root, name);
    fs.mkdirSync(dataDir);
    const httpPort = await freePort();
    const dicomPort = await freePort();
    const env = { ...common, TELERAD_DICOM_PORT: String(dicomPort) };
    const server = await startServer({ dataDir, env, port: httpPort });
    nodes[name] = { name, httpPort, dicomPort, dataDir, env, server };
  }
  const lb = await startHaproxy(
    (['a', 'b'] as const).map((name) => ({
      name,
      host: '127.0.0.1',
      httpPort: nodes[name].httpPort,
      realtime: true,
      dicomPort: nodes[name].dicomPort,
    })),
  );
  return {
    tdb,
    s3,
    lb,
    nodes,
    restart: async (name) => {
      const n = nodes[name];
      if (n.server.child.exitCode === null && n.server.child.signalCode === null)
        throw new Error(`node ${name} is still running`);
      n.server = await startServer({ dataDir: n.dataDir, env: n.env, port: n.httpPort });
    },
    stop: async () => {
      await lb.stop();
      for (const n of Object.values(nodes))
        if (n.server.child.signalCode === null) await n.server.stop();
      await tdb.drop();
      await s3.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** What one storescu association acknowledged: the files whose C-STORE answered Success. */
export interface StoreRun {
  code: number;
  acknowledged: string[];
  output: string;
}

/**
 * Sends `files` in one association with DCMTK's storescu (as clinic AE DEMO1) and reads, from
 * its verbose log, which files the SCP answered with Success (PS3.4 B.2.3: status 0000). Only
 * those are the SCP's promise to keep the instance; a file after a dropped association, or one
 * whose response never came, is not acknowledged.
 */
export async function storescu(port: number, files: readonly string[]): Promise<StoreRun> {
  const args = ['-v', '-nh', '-aet', 'DEMO1', '-aec', 'TELERAD', '127.0.0.1', String(port)];
  const { code, out } = await run('storescu', [...args, ...files], 180_000);
  const acknowledged: string[] = [];
  let sending: string | null = null;
  for (const line of out.split('\n')) {
    const file = /Sending file: (.+)$/.exec(line);
    if (file) sending = file[1]!.trim();
    else if (sending && /Received Store Response \(Success\)/.test(line)) {
      acknowledged.push(sending);
      sending = null;
    } else if (/Received Store Response/.test(line)) sending = null;
  }
  return { code, acknowledged, output: out };
}

/** STOWs `files` as the demo clinic's user `clinic1` with HTTP Basic over real HTTP. */
export async function stowOverHttp(
  baseUrl: string,
  files: Buffer[],
): Promise<{
  status: number;
  body: Record<string, { Value?: Record<string, { Value?: unknown[] }>[] }>;
}> {
  const { payload, contentType } = stowBody(files);
  const res = await fetch(`${baseUrl}/dicomweb/studies`, {
    method: 'POST',
    body: new Uint8Array(payload),
    headers: {
      authorization: basic('clinic1'),
      'content-type': contentType,
      accept: 'application/dicom+json',
    },
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

/** One instance by WADO-RS (PS3.18 §10.4), as the demo clinic's `clinic1`, as stored. */
export async function wadoOverHttp(
  baseUrl: string,
  f: { studyInstanceUid: string; seriesInstanceUid: string; sopInstanceUid: string },
): Promise<Buffer> {
  const res = await fetch(
    `${baseUrl}/dicomweb/studies/${f.studyInstanceUid}/series/${f.seriesInstanceUid}/instances/${f.sopInstanceUid}`,
    {
      headers: {
        authorization: basic('clinic1'),
        accept: 'multipart/related; type="application/dicom"; transfer-syntax=*',
      },
    },
  );
  const body = Buffer.from(await res.arrayBuffer());
  const ct = parseMediaType(res.headers.get('content-type') ?? '');
  if (res.status !== 200 || !ct.params.boundary)
    throw new Error(`WADO-RS ${res.status}: ${body.subarray(0, 200).toString()}`);
  const parts: Buffer[] = [];
  await forEachPart(Readable.from([body]), ct.params.boundary, async (p) => {
    const chunks: Buffer[] = [];
    for await (const c of p.body) chunks.push(c as Buffer);
    parts.push(Buffer.concat(chunks));
  });
  if (parts.length !== 1) throw new Error(`WADO-RS gave ${parts.length} parts`);
  return parts[0]!;
}

/** A session on one node over real HTTP: its cookie and CSRF token. */
export interface HttpSession {
  cookie: string;
  csrf: string;
}

/** Signs `username` in at `baseUrl` through the login route, as the web app does. */
export async function signInOverHttp(baseUrl: string, username: string): Promise<HttpSession> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`sign-in of ${username}: ${res.status} ${body}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('telerad_session='));
  if (!cookie) throw new Error('no session cookie');
  return { cookie, csrf: (JSON.parse(body) as { csrfToken: string }).csrfToken };
}

/** Waits (bounded) until `cond` holds; assertions come after, never on time. */
export async function until(
  what: string,
  cond: () => boolean | Promise<boolean>,
  ms = 60_000,
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
