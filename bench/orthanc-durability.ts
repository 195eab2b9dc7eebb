/**
 * What Orthanc flushes per received instance: runs the benchmark's Orthanc (bench/lib/peers.ts)
 * under strace while storescu sends small instances, and prints its flush and rename system
 * calls per instance, with the SQLite pragmas compiled into the binary. The evidence behind the
 * durability note that `npm run bench:ingest` prints.
 *
 *   node --import tsx bench/orthanc-durability.ts [N]
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchFiles } from './lib/fixtures';
import { startOrthanc, storescu } from './lib/peers';

const n = Number(process.argv[2] ?? 200);
const work = path.join(os.tmpdir(), 'telerad-bench');
const files = (await benchFiles(path.join(work, 'files'), 'small', 500)).slice(0, n);
const dir = fs.mkdtempSync(path.join(work, 'orthanc-durability-'));
const out = path.join(dir, 'strace.txt');
const orthanc = await startOrthanc(dir);
const calls = 'fsync,fdatasync,sync_file_range,rename,renameat,renameat2';
const tracer = spawn(
  'strace',
  ['-f', '-c', '-e', `trace=${calls}`, '-o', out, '-p', `${orthanc.pid}`],
  {
    stdio: 'ignore',
  },
);
try {
  await new Promise((r) => setTimeout(r, 1500)); // strace attaches to every thread
  await storescu(files, orthanc, 'DEMO1');
} finally {
  tracer.kill('SIGINT');
  await new Promise((r) => tracer.once('exit', r));
  await orthanc.stop();
}
console.log(`Orthanc system calls while receiving ${files.length} small instances:`);
for (const line of fs.readFileSync(out, 'utf8').split('\n')) {
  const m = /^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?(\w+)$/.exec(line);
  if (m)
    console.log(
      `  ${m[2]!.padEnd(16)} ${m[1]!.padStart(6)}  (${(Number(m[1]) / files.length).toFixed(2)} per instance)`,
    );
}
const pragmas = execFileSync('strings', ['/usr/sbin/Orthanc'], { maxBuffer: 1 << 28 })
  .toString()
  .split('\n')
  .filter((l) => /^PRAGMA (SYNCHRONOUS|JOURNAL_MODE)/.test(l));
console.log(`SQLite index pragmas in the binary: ${pragmas.join(' ')}`);
fs.rmSync(dir, { recursive: true, force: true });
