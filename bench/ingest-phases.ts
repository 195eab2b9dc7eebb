/**
 * Where the time of one ingest goes, phase by phase, without the network: free-space check,
 * staging (stream to disk, hash; the flush continues in the background), header walk and parse
 * (from the bytes still in memory), commit (waiting for the flush, rename, directory fsync) and
 * indexing (one database call). For finding what to optimise next.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx bench/ingest-phases.ts [N]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedDemo } from '../apps/server/src/modules/demo';
import { identify, readHeader } from '../apps/server/src/modules/ingest';
import { indexInstance } from '../apps/server/src/modules/ingest/indexer';
import { filesystemStorage } from '../apps/server/src/platform/storage';
import { benchFiles } from './lib/fixtures';
import { scratchDatabase } from './lib/scratchDb';

const n = Number(process.argv[2] ?? 200);
const work = path.join(os.tmpdir(), 'telerad-bench');
const files = (await benchFiles(path.join(work, 'files'), 'small', 500)).slice(0, n);
const scratch = await scratchDatabase('phases');
const { db } = scratch;
const dataDir = fs.mkdtempSync(path.join(work, 'phases-'));
try {
  await seedDemo(db);
  const clinicId = (
    await db
      .selectFrom('clinics')
      .select('id')
      .where('code', '=', 'DEMO1')
      .executeTakeFirstOrThrow()
  ).id;
  const storage = filesystemStorage(dataDir);
  const t = { usage: 0, stage: 0, header: 0, commit: 0, index: 0 };
  for (const f of files) {
    let t0 = performance.now();
    const lap = (k: keyof typeof t) => {
      const now = performance.now();
      t[k] += now - t0;
      t0 = now;
    };
    await storage.usage();
    lap('usage');
    const staged = await storage.stage(fs.createReadStream(f), 1 << 30);
    lap('stage');
    const header = readHeader(staged.tempPath, staged.size, staged.head);
    const ids = identify(header);
    lap('header');
    // The server overlaps these two; here each is timed alone.
    const placed = storage.place(staged);
    await placed.durable;
    lap('commit');
    await indexInstance(
      db,
      {
        header,
        ids,
        flags: [],
        key: placed.key,
        size: staged.size,
        sha256: staged.sha256,
        origin: { door: 'dimse', clinicId, remoteAddress: null },
      },
      placed,
    );
    lap('index');
  }
  const total = Object.values(t).reduce((a, b) => a + b, 0);
  console.log(`Ingest phases over ${files.length} small instances (ms per instance)`);
  for (const [k, v] of Object.entries(t))
    console.log(`  ${k.padEnd(7)} ${(v / files.length).toFixed(2).padStart(6)}`);
  console.log(`  total   ${(total / files.length).toFixed(2).padStart(6)}`);
} finally {
  await scratch.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
