/**
 * Scale-out figures (issue 24): C-STORE throughput and QIDO-RS latency of one node and of two
 * nodes behind Debian's HAProxy, both on the machine's PostgreSQL (a fresh database a run) and
 * one s3rver bucket, with the CPU time each process used; then QIDO-RS latency over a generated
 * index of a million studies (target p95 < 50 ms), for a radiologist and a clinic user.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench:scale -- \
 *     [--instances 400] [--associations 4] [--warmup 200] [--queries 100] \
 *     [--studies 1000000] [--index-queries 200] [--skip-cluster] [--skip-index]
 *
 * Two nodes on this 2-core machine share the cores with PostgreSQL, s3rver, HAProxy and the
 * senders, so the second node cannot add throughput here; see bench/README.md for what the
 * figures do show.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startHaproxy } from '../apps/server/src/testing/haproxy';
import { startServer, type ServerProcess } from '../apps/server/src/testing/serverProcess';
import { benchFiles, mib, split } from './lib/fixtures';
import { storescu } from './lib/peers';
import {
  printKinds,
  sampleKeys,
  signIn,
  timeQidoKinds,
  timeQidoService,
  type KindTiming,
} from './lib/qidoKinds';
import { startS3rverProcess } from './lib/s3rverProcess';
import { existingDatabase, generateIndex, scratchDatabase } from './lib/scaleIndex';
import { benchWorkDir, receiverDir, removeLater } from './lib/workdir';

const { values } = parseArgs({
  options: {
    instances: { type: 'string', default: '400' },
    associations: { type: 'string', default: '4' },
    /** Instances sent untimed first, so that the nodes' code is compiled (bench/ingest.ts). */
    warmup: { type: 'string', default: '200' },
    /** Requests of each QIDO kind per user through the load balancer. */
    queries: { type: 'string', default: '100' },
    studies: { type: 'string', default: '1000000' },
    /** Requests of each QIDO kind per user over the generated index. */
    'index-queries': { type: 'string', default: '200' },
    'skip-cluster': { type: 'boolean', default: false },
    'skip-index': { type: 'boolean', default: false },
    /**
     * A database a previous run generated and kept (`--keep-index`): its index is searched
     * again, after a change to the product's query or indexes, without generating it anew.
     */
    'index-db': { type: 'string' },
    'keep-index': { type: 'boolean', default: false },
  },
});
const adminUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const work = benchWorkDir();
const USERS = [
  ['radiologist', null],
  ['clinic1', 'DEMO1'],
] as const;

/**
 * The fields of `/proc/<pid>/stat` after the command name (so field 0 is the state, 1 the
 * parent pid, 11–14 utime, stime, cutime, cstime in USER_HZ = 100), with the command name;
 * null once the process has gone.
 */
function procStat(pid: number | 'self'): { comm: string; f: string[] } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    return { comm: stat.slice(stat.indexOf('(') + 1, close), f: stat.slice(close + 2).split(' ') };
  } catch {
    return null;
  }
}

/** The pids of running processes (the numeric entries of /proc). */
const pids = () =>
  fs
    .readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .map(Number);

/** User + system CPU time, in ms, of one process (not its children); 0 once it has gone. */
function cpuMs(pid: number): number {
  const s = procStat(pid);
  return s ? (Number(s.f[11]) + Number(s.f[12])) * 10 : 0;
}

/** CPU time of this process's children that have exited and been waited for (the senders). */
function exitedChildrenCpuMs(): number {
  const { f } = procStat('self')!;
  return (Number(f[13]) + Number(f[14])) * 10;
}

/** The pid of this process's child running `comm` (HAProxy has no pid in its handle). */
function childPid(comm: string): number {
  return (
    pids().find((pid) => {
      const s = procStat(pid);
      return s !== null && Number(s.f[1]) === process.pid && s.comm === comm;
    }) ?? -1
  );
}

/** The 1-minute load average: how many runnable processes shared the cores meanwhile. */
function loadAverage(): string {
  return fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]!;
}

/** CPU ms of each child of `parent` (PostgreSQL's backends and helpers), by pid. */
function childrenCpuMs(parent: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids()) {
    const s = procStat(pid);
    if (s && Number(s.f[1]) === parent) out.set(pid, cpuMs(pid));
  }
  return out;
}

/**
 * CPU ms PostgreSQL's processes used between two samples: a backend that exited meanwhile
 * took its time with it (so this is a lower bound), one that started counts from zero.
 */
function pgDelta(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, t] of after) ms += t - (before.get(pid) ?? 0);
  return ms;
}

/** The PostgreSQL postmaster's pid, when the cluster runs on this machine; else -1. */
async function postmasterPid(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query<{ pid: number }>('select pg_backend_pid() as pid');
  await c.end();
  const s = procStat(rows[0]!.pid);
  return s ? Number(s.f[1]) : -1;
}

/** Figures of one cluster run. */
interface ClusterRun {
  nodes: number;
  seconds: number;
  perSecond: number;
  mibPerSecond: number;
  /** CPU ms by process name: node-a, node-b, haproxy, s3rver, storescu, postgresql. */
  cpu: Record<string, number>;
  associations: Record<string, number>;
  httpRequests: Record<string, number>;
  qido: [string, KindTiming[]][];
}

/** Starts `count` nodes on a fresh database and bucket behind HAProxy, sends, then queries. */
async function cluster(count: 1 | 2, files: string[], warm: string[]): Promise<ClusterRun> {
  const db = await scratchDatabase(adminUrl, `telerad_scale_${process.pid}_${count}`);
  const s3 = await startS3rverProcess();
  const nodes: ServerProcess[] = [];
  const dirs: string[] = [];
  try {
    // One after the other: the first seeds the demo organisation, the next finds it there.
    for (let i = 0; i < count; i++) {
      const dir = receiverDir(work, `scale-${count}-${i}-`);
      dirs.push(dir);
      nodes.push(
        await startServer({
          dataDir: dir,
          env: {
            DATABASE_URL: db.url,
            TELERAD_DEMO_STUDIES: '0',
            TELERAD_LOG_LEVEL: 'warn',
            TELERAD_MIN_FREE_MB: '256',
            ...s3.nodeEnv,
          },
        }),
      );
    }
    const names = nodes.map((_, i) => String.fromCharCode(97 + i));
    const lb = await startHaproxy(
      nodes.map((n, i) => ({
        name: names[i]!,
        host: '127.0.0.1',
        httpPort: Number(new URL(n.url).port),
        realtime: true,
        dicomPort: n.dicomPort,
      })),
    );
    try {
      const to = { port: lb.dicomPort, aeTitle: 'TELERAD' };
      const k = Number(values.associations);
      await Promise.all(split(warm, k).map((g) => storescu(g, to, 'DEMO1')));
      const pids: Record<string, number> = { haproxy: childPid('haproxy'), s3rver: s3.pid };
      nodes.forEach((n, i) => (pids[`node-${names[i]}`] = n.child.pid ?? -1));
      const pgPid = await postmasterPid(db.url);
      const sample = () => {
        const out: Record<string, number> = {};
        for (const [name, pid] of Object.entries(pids)) out[name] = cpuMs(pid);
        out.storescu = exitedChildrenCpuMs();
        return out;
      };
      const pgBefore = childrenCpuMs(pgPid);
      const before = sample();
      const dicomBefore = await lb.stats();
      const t0 = performance.now();
      await Promise.all(split(files, k).map((g) => storescu(g, to, 'DEMO1')));
      const seconds = (performance.now() - t0) / 1000;
      const after = sample();
      if (pgPid > 0) after.postgresql = pgDelta(pgBefore, childrenCpuMs(pgPid));
      const dicomAfter = await lb.stats();
      const stored = await countInstances(db.url);
      if (stored !== warm.length + files.length)
        throw new Error(`${stored} instances indexed, ${warm.length + files.length} sent`);
      const cpu = Object.fromEntries(
        Object.keys(after).map((p) => [p, after[p]! - (before[p] ?? 0)]),
      );
      const statOf = (m: Map<string, Record<string, string>>, key: string) =>
        Number(m.get(key)?.stot ?? 0);
      const associations = Object.fromEntries(
        names.map((n) => [
          n,
          statOf(dicomAfter, `telerad_dicom/${n}`) - statOf(dicomBefore, `telerad_dicom/${n}`),
        ]),
      );
      const httpBefore = await lb.stats();
      const qido: [string, KindTiming[]][] = [];
      for (const [user, clinic] of USERS) {
        const cookie = await signIn(lb.httpUrl, user);
        const keys = await sampleKeys(db.url, clinic, 50);
        qido.push([user, await timeQidoKinds(lb.httpUrl, cookie, keys, Number(values.queries))]);
      }
      const httpAfter = await lb.stats();
      const httpRequests = Object.fromEntries(
        names.map((n) => [
          n,
          statOf(httpAfter, `telerad_http/${n}`) - statOf(httpBefore, `telerad_http/${n}`),
        ]),
      );
      return {
        nodes: count,
        seconds,
        perSecond: files.length / seconds,
        mibPerSecond: mib(files) / seconds,
        cpu,
        associations,
        httpRequests,
        qido,
      };
    } finally {
      await lb.stop();
    }
  } finally {
    for (const n of nodes) await n.stop();
    await s3.stop();
    await db.drop();
    for (const d of dirs) removeLater(d);
  }
}

async function count(url: string, table: 'instances' | 'studies'): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query<{ n: number }>(`select count(*)::int as n from ${table}`);
  await c.end();
  return rows[0]!.n;
}
const countInstances = (url: string) => count(url, 'instances');
const countStudies = (url: string) => count(url, 'studies');

function printCluster(r: ClusterRun, n: number): void {
  console.log(
    `\n${r.nodes} node${r.nodes > 1 ? 's' : ''}: ${n} instances in ${r.seconds.toFixed(2)} s → ${r.perSecond.toFixed(1)} inst/s, ${r.mibPerSecond.toFixed(2)} MiB/s`,
  );
  console.log(
    `  associations per node: ${Object.entries(r.associations)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  console.log('  CPU time during the send (ms total, ms per instance):');
  for (const [p, ms] of Object.entries(r.cpu))
    console.log(
      `    ${p.padEnd(11)} ${String(ms).padStart(7)} ms  ${(ms / n).toFixed(2).padStart(6)} ms/inst${p === 'postgresql' ? '  (all its processes, other databases included; a lower bound)' : ''}`,
    );
  console.log(
    `QIDO-RS through the load balancer (${values.queries} requests a kind; load average ${loadAverage()}; HTTP requests per node: ${Object.entries(
      r.httpRequests,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')})`,
  );
  for (const [user, rows] of r.qido) printKinds(user, rows);
}

/** QIDO-RS over a generated index of `--studies` studies, against one node. */
async function overIndex(): Promise<number> {
  let studies = Number(values.studies);
  const reuse = values['index-db'];
  const db = reuse
    ? existingDatabase(adminUrl, reuse)
    : await scratchDatabase(adminUrl, `telerad_scale_${process.pid}_index`);
  const dir = receiverDir(work, 'scale-index-');
  try {
    if (reuse) {
      // Migrations the product gained since are applied by the node as it starts.
      studies = await countStudies(db.url);
      console.log(`\nSearching the kept index ${reuse} again`);
    } else {
      console.log(`\nGenerating ${studies.toLocaleString()} studies over 95 clinics and 2 years…`);
      await generateIndex(db.url, studies);
    }
    // The http role only: no sweep or job of a worker runs over the generated studies.
    const node = await startServer({
      dataDir: dir,
      env: { DATABASE_URL: db.url, TELERAD_ROLES: 'http', TELERAD_DEMO_STUDIES: '0' },
    });
    try {
      console.log(
        `QIDO-RS /studies over ${studies.toLocaleString()} studies, one node (${values['index-queries']} requests a kind; target p95 < 50 ms). HTTP: through the node; service: qido() in this process on the same database, without HTTP, audit and the node's event loop`,
      );
      let worstHttp = 0;
      let worst = 0;
      for (const [user, clinic] of USERS) {
        const cookie = await signIn(node.url, user);
        const keys = await sampleKeys(db.url, clinic, 200);
        const n = Number(values['index-queries']);
        const http = await timeQidoKinds(node.url, cookie, keys, n);
        const service = await timeQidoService(db.url, user, keys, n);
        worst = Math.max(worst, printKinds(user, http, service));
        worstHttp = Math.max(worstHttp, ...http.map((r) => r.p95));
      }
      console.log(
        `  worst p95: service ${worst.toFixed(1)} ms → ${worst < 50 ? 'meets' : 'MISSES'} the 50 ms target; over HTTP ${worstHttp.toFixed(1)} ms (load average ${loadAverage()})`,
      );
      return worst;
    } finally {
      await node.stop();
    }
  } finally {
    if (values['keep-index'] || reuse)
      console.log(`  kept database ${new URL(db.url).pathname.slice(1)}`);
    else await db.drop();
    removeLater(dir);
  }
}

const CLOSING = `
What these figures can and cannot show: this machine has ${os.cpus().length} cores, shared by the
nodes, PostgreSQL, s3rver, HAProxy and the storescu senders (and by anything else running). A
second node cannot add throughput here, since the first already competes for the same cores; on
separate machines it would. What the figures do show: what a second node costs (the two-node
run's throughput and CPU per instance against the one-node run's), that HAProxy spreads the
associations and the HTTP requests over the nodes, how much CPU each part uses per instance,
and that a search's latency depends on the index, not on the number of nodes.`;

if (!values['skip-cluster']) {
  const n = Number(values.instances);
  const files = await benchFiles(path.join(work, 'files'), 'small', n);
  const warm = await benchFiles(path.join(work, 'files', 'warmup'), 'small', Number(values.warmup));
  console.log(
    `C-STORE of ${n} CR 256×256 (${mib(files).toFixed(1)} MiB) over ${values.associations} associations through HAProxy, after ${warm.length} untimed; PostgreSQL ${new URL(adminUrl).host}, storage s3rver`,
  );
  const one = await cluster(1, files, warm);
  printCluster(one, n);
  const two = await cluster(2, files, warm);
  printCluster(two, n);
  const nodeCpu = (r: ClusterRun) =>
    Object.entries(r.cpu)
      .filter(([k]) => k.startsWith('node-'))
      .reduce((s, [, v]) => s + v, 0) / n;
  console.log(
    `\nTwo nodes ÷ one node: throughput ${(two.perSecond / one.perSecond).toFixed(2)}×, node CPU per instance ${nodeCpu(one).toFixed(2)} → ${nodeCpu(two).toFixed(2)} ms`,
  );
}
if (!values['skip-index']) await overIndex();
console.log(CLOSING);
