/**
 * Transcoding cost: for a 2500×2048 12-bit chest X-ray stored in each transfer syntax Telerad
 * reads, the time to send it as Explicit VR Little Endian (what WADO-RS does by default and what
 * C-GET/C-MOVE do for a peer that takes only uncompressed), median of a few runs, in one process
 * on the event loop (modules/transcode). The figure says how long a retrieve of such an object
 * holds the event loop.
 *
 *   node --import tsx bench/transcode.ts [runs=5]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCodecs, transcodeSync } from '../apps/server/src/modules/transcode';
import { producibleSyntaxes, syntaxInfo, writeCxr } from '../apps/server/src/testing/dicomFixtures';

const RUNS = Math.max(3, Number(process.argv[2] ?? 5));
const EXPLICIT_LE = '1.2.840.10008.1.2.1';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-bench-transcode-'));
try {
  await loadCodecs();
  console.log(`2500×2048 to Explicit VR Little Endian, median of ${RUNS} (ms)`);
  for (const key of producibleSyntaxes()) {
    const info = syntaxInfo(key);
    if (info.uid === EXPLICIT_LE) continue;
    const file = path.join(dir, `${key}.dcm`);
    const bitsStored = info.maxBitsStored === 8 ? 8 : 12;
    await writeCxr(file, key, { rows: 2500, columns: 2048, seed: 7, bitsStored });
    const bytes = fs.readFileSync(file);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      transcodeSync(bytes, info.uid, EXPLICIT_LE);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    console.log(
      `${info.name.padEnd(62)} ${(bytes.length / 1e6).toFixed(2).padStart(6)} MB ${median.toFixed(0).padStart(6)}`,
    );
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
