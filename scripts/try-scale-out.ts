/**
 * `npm run try:scale-out`: the scale-out deployment (docs/operations/scale-out.md) on one
 * machine, for a try-out. It starts s3rver (an S3-protocol server) with its data in
 * `<dir>/s3`, makes database `telerad_tryout` on the local PostgreSQL if missing, starts two
 * demo nodes with every role on S3 storage, and Debian's HAProxy in front with the configuration
 * `npm run haproxy:config` prints. Ctrl-C stops everything. Exits 2 on a usage error, 1 when
 * something does not start.
 *
 * It reuses the helpers the tests start real processes with (`testing/serverProcess.ts`,
 * `testing/haproxy.ts`, `testing/s3Server.ts`): they are plain code, and sharing them keeps the
 * try-out and the tests starting nodes the same way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { LoadBalancedNode } from '../apps/server/src/platform/loadBalancer/haproxyConfig';
import { startHaproxy, type HaproxyProcess } from '../apps/server/src/testing/haproxy';
import { startS3Server, type S3TestServer } from '../apps/server/src/testing/s3Server';
import { startServer, type ServerProcess } from '../apps/server/src/testing/serverProcess';

const USAGE = `Usage: npm run try:scale-out -- [--dir .tmp/try-scale-out] [--database telerad_tryout]
  [--http-port 8080] [--dicom-port 11112] [--stats-port 8404] [--no-studies]
DATABASE_URL names the PostgreSQL server (default postgresql://postgres@127.0.0.1:5432/postgres).`;

const BUCKET = 'telerad-tryout';

function portOf(text: string, what: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 65535)
    throw new Error(`${what} "${text}" is not a port`);
  return n;
}

/** The URL of database `name` on the server `adminUrl` names, created there when missing. */
async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`--database "${name}" is not a-z0-9_`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        dir: { type: 'string', default: '.tmp/try-scale-out' },
        database: { type: 'string', default: 'telerad_tryout' },
        'http-port': { type: 'string', default: '8080' },
        'dicom-port': { type: 'string', default: '11112' },
        'stats-port': { type: 'string', default: '8404' },
        'no-studies': { type: 'boolean', default: false },
      },
    }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  let ports;
  try {
    ports = {
      http: portOf(args['http-port'], '--http-port'),
      dicom: portOf(args['dicom-port'], '--dicom-port'),
      stats: portOf(args['stats-port'], '--stats-port'),
    };
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const dir = path.resolve(args.dir);
  fs.mkdirSync(dir, { recursive: true });
  const adminUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

  let s3: S3TestServer | undefined;
  const nodes: ServerProcess[] = [];
  let haproxy: HaproxyProcess | undefined;
  let stopping: Promise<void> | undefined;
  // Stops in reverse order of start: the balancer first, so no new work reaches a stopping node.
  const stop = () =>
    (stopping ??= (async () => {
      await haproxy?.stop().catch(() => undefined);
      await Promise.all(nodes.map((n) => n.stop().catch(() => undefined)));
      await s3?.close().catch(() => undefined);
    })());
  const onSignal = (signal: string) => {
    console.log(`\n${signal}: stopping HAProxy, the nodes and s3rver…`);
    void stop().then(() => {
      console.log('Stopped.');
      process.exit(0);
    });
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));

  try {
    s3 = await startS3Server('archive/', { directory: path.join(dir, 's3'), bucket: BUCKET });
    console.log(`s3rver: ${s3.settings.endpoint}, bucket ${BUCKET}, data in ${s3.directory}`);
    const databaseUrl = await ensureDatabase(adminUrl, args.database);
    console.log(`PostgreSQL: database ${args.database}`);
    const { endpoint, credentials } = s3.settings;
    const env = {
      DATABASE_URL: databaseUrl,
      TELERAD_DEMO: '1',
      TELERAD_STORAGE: 's3',
      TELERAD_S3_BUCKET: BUCKET,
      TELERAD_S3_PREFIX: 'archive/',
      TELERAD_S3_ENDPOINT: endpoint!,
      TELERAD_S3_ACCESS_KEY_ID: credentials!.accessKeyId,
      TELERAD_S3_SECRET_ACCESS_KEY: credentials!.secretAccessKey,
      // HAProxy (on this machine) passes each clinic's address in a PROXY protocol v2 header on
      // the DICOM port, as the generated configuration does by default (docs/adr/0049).
      TELERAD_TRUSTED_PROXIES: '127.0.0.1',
      ...(args['no-studies'] ? { TELERAD_DEMO_STUDIES: '0' } : {}),
    };
    // One after the other: the first seeds the demo organisation, the second finds it there.
    for (const name of ['a', 'b']) {
      console.log(`Starting node ${name}…`);
      const dataDir = path.join(dir, `node-${name}`);
      fs.mkdirSync(dataDir, { recursive: true });
      nodes.push(await startServer({ dataDir, env }));
    }
    const balanced: LoadBalancedNode[] = nodes.map((n, i) => ({
      name: 'ab'[i]!,
      host: '127.0.0.1',
      httpPort: Number(new URL(n.url).port),
      realtime: true,
      dicomPort: n.dicomPort,
    }));
    haproxy = await startHaproxy(balanced, { ports, proxyProtocol: true });
  } catch (e) {
    console.error(`The try-out did not start: ${(e as Error).message}`);
    await stop();
    return 1;
  }

  const lb = haproxy.httpUrl;
  console.log(`
Telerad on two nodes behind HAProxy (docs/operations/scale-out.md):
  Web app, through the balancer:  ${lb}   (demo accounts: see README, e.g. radiologist)
  Node a:                         ${nodes[0]!.url}   DICOM port ${nodes[0]!.dicomPort}
  Node b:                         ${nodes[1]!.url}   DICOM port ${nodes[1]!.dicomPort}
  DICOM, through the balancer:    AE TELERAD at 127.0.0.1:${haproxy.dicomPort}
  HAProxy statistics:             ${haproxy.statsUrl}
  HAProxy configuration:          ${haproxy.configFile}
  Health through the balancer:    curl ${lb}/api/health

Send a study as the demo clinic DEMO1:
  npx tsx scripts/make-dicom.ts /tmp/telerad-cxr --small 3 --large 0   (or any DICOM files)
  storescu -aet DEMO1 -aec TELERAD +sd +r 127.0.0.1 ${haproxy.dicomPort} /tmp/telerad-cxr/small

Ready. Press Ctrl-C to stop. (pids: ${[process.pid, haproxy.pid, ...nodes.map((n) => n.child.pid)].join(' ')})`);
  return new Promise<number>(() => undefined); // runs until a signal stops it
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
