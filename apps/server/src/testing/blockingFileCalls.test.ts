import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '..');

/**
 * The code every association and request goes through: object storage, ingest, DIMSE,
 * DICOMweb and the archive's reads. A blocking file call there stalls every other association
 * on the one event loop for as long as the disk takes.
 */
const SHARED_PATHS = [
  'platform/storage.ts',
  'platform/storageFiles.ts',
  'platform/parseFile.ts',
  'modules/ingest',
  'modules/dimse',
  'modules/dicomweb',
  'modules/archive',
];

/** The blocking calls kept, each with its reason (docs/adr/0012 has the measurements). */
const KEPT: Record<string, string[]> = {
  // Once, when the storage opens, before any association is accepted.
  'platform/storage.ts': ['mkdirSync', 'mkdirSync', 'readdirSync', 'existsSync', 'readdirSync'],
  // Only the bytes past the first 512 KiB held in memory, of the file this process has just
  // written (in the page cache): 16–170 µs per 256 KiB window.
  'modules/ingest/header.ts': ['readSync', 'readSync', 'openSync', 'closeSync'],
  // dcmjs-dimse asks for an outgoing dataset's bytes synchronously while it sends (C-GET, C-MOVE).
  'modules/dimse/storedDataset.ts': ['readFileSync'],
};

/** Every non-test .ts file under `rel` (a file or a folder of SRC). */
function files(rel: string): string[] {
  const abs = path.join(SRC, rel);
  if (!fs.statSync(abs).isDirectory()) return [rel];
  return fs
    .readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !/\.test\.ts$|^test|\/test/.test(f))
    .map((f) => path.join(rel, f));
}

describe('blocking file calls on the paths every association shares', () => {
  it('are only the ones kept on purpose', () => {
    const found: Record<string, string[]> = {};
    for (const file of SHARED_PATHS.flatMap(files)) {
      const calls = [
        ...fs.readFileSync(path.join(SRC, file), 'utf8').matchAll(/\bfs\.(\w+Sync)\(/g),
      ];
      if (calls.length) found[file] = calls.map((m) => m[1]!);
    }
    expect(found).toEqual(KEPT);
  });
});
