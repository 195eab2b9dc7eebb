/**
 * s3rver in a process of its own, so that a benchmark can read the CPU time it uses from /proc
 * apart from its own (in-process, `startS3Server` would share the benchmark's counters).
 * Run as a script it starts the server, prints its settings as one JSON line and serves until
 * SIGTERM; `startS3rverProcess` spawns it and reads that line.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startS3Server } from '../../apps/server/src/testing/s3Server';
import type { S3Settings } from '../../apps/server/src/platform/storageS3';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** An s3rver child process with one empty bucket. */
export interface S3rverProcess {
  settings: S3Settings;
  pid: number;
  /** The environment a Telerad node needs to store its objects in the bucket. */
  nodeEnv: Record<string, string>;
  stop(): Promise<void>;
}

/** Spawns s3rver (through this file) and waits until its bucket exists. */
export async function startS3rverProcess(): Promise<S3rverProcess> {
  const child = spawn(
    path.join(ROOT, 'node_modules/.bin/node'),
    ['--import', 'tsx', fileURLToPath(import.meta.url)],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const settings = await new Promise<S3Settings>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line) as S3Settings);
    });
    child.once('exit', (code) => reject(new Error(`s3rver process exited ${code}`)));
  });
  return {
    settings,
    pid: child.pid ?? -1,
    nodeEnv: {
      TELERAD_STORAGE: 's3',
      TELERAD_S3_BUCKET: settings.bucket,
      TELERAD_S3_ENDPOINT: settings.endpoint!,
      TELERAD_S3_ACCESS_KEY_ID: 'S3RVER',
      TELERAD_S3_SECRET_ACCESS_KEY: 'S3RVER',
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await done;
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const s3 = await startS3Server('');
  console.log(JSON.stringify(s3.settings));
  process.once('SIGTERM', () => void s3.close().then(() => process.exit(0)));
}
