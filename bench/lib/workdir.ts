import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The benchmarks' working directory, and the receivers' directories made in it.
 *
 * File creation on ext4 without a journal (the root filesystem of the machines these figures
 * were taken on) skips every inode of the block group deleted in the last 1 to 6 minutes, one
 * inode-table lookup each (`recently_deleted()` in fs/ext4/ialloc.c). A receiver whose directory
 * shares a block group with the previous round's deleted files then pays for each file it
 * creates: measured here, 835 µs of CPU per empty file instead of 23 µs, a quarter of all the CPU
 * a small instance costs, and it fell on whichever receiver drew the polluted group.
 *
 * So the working directory is marked as a top of a directory hierarchy (`chattr +T`): ext4's
 * Orlov allocator then places each receiver's directory in a fresh block group, as it does for
 * directories at the root. And the receivers' directories are deleted only when the run ends
 * (if the disk has room for them), so no round runs among the inodes freed by another. A run
 * that starts soon after another ended (and deleted its directories) first waits until creating
 * a file costs what it should (`awaitFastFileCreation`).
 */
export function benchWorkDir(name = 'telerad-bench'): string {
  const work = path.join(os.tmpdir(), name);
  fs.mkdirSync(work, { recursive: true });
  try {
    execFileSync('chattr', ['+T', work], { stdio: 'ignore' });
  } catch {
    // Not ext2/3/4, or no e2fsprogs: nothing to steer.
  }
  return work;
}

const kept: string[] = [];

/** CPU time per empty file created in a fresh directory in `work`, in µs. */
function fileCreationMicros(work: string, n = 200): number {
  const dir = receiverDir(work, 'probe-');
  const t0 = process.cpuUsage();
  for (let i = 0; i < n; i++) fs.closeSync(fs.openSync(path.join(dir, `p${i}`), 'w'));
  const t = process.cpuUsage(t0);
  removeLater(dir);
  return (t.user + t.system) / n;
}

/**
 * Waits (up to `maxSeconds`) until creating a file in `work` costs under `limitMicros` of CPU:
 * inodes another run deleted stop being skipped a few minutes after their deletion.
 */
export async function awaitFastFileCreation(
  work: string,
  limitMicros = 100,
  maxSeconds = 420,
): Promise<void> {
  const until = Date.now() + maxSeconds * 1000;
  let us = fileCreationMicros(work);
  if (us < limitMicros) return;
  console.log(
    `Creating a file here costs ${us.toFixed(0)} µs of CPU (files deleted in the last minutes); waiting until it costs under ${limitMicros} µs, at most ${maxSeconds} s.`,
  );
  while (us >= limitMicros && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 15_000));
    us = fileCreationMicros(work);
  }
  console.log(`  now ${us.toFixed(0)} µs per file.`);
}

/** A fresh directory in `work` for one receiver; see `removeLater`. */
export function receiverDir(work: string, prefix: string): string {
  const dir = fs.mkdtempSync(path.join(work, prefix));
  fs.chmodSync(dir, 0o755);
  return dir;
}

/**
 * Deletes `dir` when the run ends, or now if the disk is short of room (less than `reserveGiB`
 * free), so that no later round creates files among the inodes it frees.
 */
export function removeLater(dir: string, reserveGiB = 8): void {
  const { bavail, bsize } = fs.statfsSync(dir);
  if ((bavail * bsize) / 2 ** 30 < reserveGiB) fs.rmSync(dir, { recursive: true, force: true });
  else kept.push(dir);
}

/** Deletes every directory `removeLater` kept (when the process exits). */
function removeKept(): void {
  for (const dir of kept.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

process.once('exit', removeKept);
// Interrupted, the run still exits through the hook above.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
