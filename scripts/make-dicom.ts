/**
 * Generates DICOM test data for the archive's tests and benchmarks (nothing is downloaded).
 *
 *   npx tsx scripts/make-dicom.ts <outDir> [--large N] [--small N] [--patients N]
 *                                 [--syntaxes all|key,key…] [--seed N]
 *
 * Writes <outDir>/syntaxes (every transfer syntax, tiny images), charsets, broken, small
 * (--small tiny CR files over --patients patients), large (--large 2500×2048 DX files over
 * ⌈patients/10⌉ patients, Explicit VR LE, or cycling through --syntaxes when a list is given;
 * the default 40 take ~400 MB) and manifest.json.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  SYNTAXES,
  brokenFiles,
  writeCharsetSet,
  writeCxrSet,
  writeLargeSet,
  writeSmallSet,
  type SyntaxKey,
  type WrittenFile,
} from '../apps/server/src/testing/dicomFixtures';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    large: { type: 'string', default: '40' },
    small: { type: 'string', default: '500' },
    patients: { type: 'string', default: '50' },
    syntaxes: { type: 'string', default: 'all' },
    seed: { type: 'string', default: '1' },
  },
});

const outDir = positionals[0];
if (!outDir) {
  console.error(
    'usage: make-dicom <outDir> [--large N] [--small N] [--patients N] [--syntaxes all|list] [--seed N]',
  );
  process.exit(2);
}
const count = (name: string, raw: string): number => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`--${name} must be a whole number, got ${raw}`);
  return n;
};
const known = new Set<string>(SYNTAXES.map((s) => s.key));
const syntaxList: SyntaxKey[] | undefined =
  values.syntaxes === 'all'
    ? undefined
    : values.syntaxes.split(',').map((k) => {
        if (!known.has(k)) throw new Error(`unknown syntax ${k}; one of: ${[...known].join(', ')}`);
        return k as SyntaxKey;
      });
const seed = count('seed', values.seed);

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
const total = (files: WrittenFile[]): number => files.reduce((s, f) => s + f.bytes, 0);

async function timed<T>(label: string, work: () => Promise<T>, describe: (r: T) => string) {
  const t0 = performance.now();
  const result = await work();
  console.log(
    `${label.padEnd(9)} ${describe(result)} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return result;
}

const started = performance.now();
const set = await timed(
  'syntaxes',
  () =>
    writeCxrSet(join(outDir, 'syntaxes'), {
      seed,
      ...(syntaxList ? { syntaxes: syntaxList } : {}),
    }),
  (r) =>
    `${r.files.length} files, ${new Set(r.files.map((f) => f.syntax)).size} syntaxes, ${mb(total(r.files))}`,
);
for (const s of set.skipped) console.log(`  skipped ${s.syntax}: ${s.reason}`);
for (const producer of ['native', 'dcmtk', 'wasm'] as const) {
  const keys = new Set(set.files.filter((f) => f.producer === producer).map((f) => f.syntax));
  if (keys.size) console.log(`  ${producer}: ${[...keys].join(', ')}`);
}
const charsets = await timed(
  'charsets',
  () => writeCharsetSet(join(outDir, 'charsets'), seed),
  (r) => `${r.length} files`,
);
const broken = await timed(
  'broken',
  () => brokenFiles(join(outDir, 'broken'), seed),
  (r) => `${Object.keys(r).length} files`,
);
const patients = count('patients', values.patients);
const small = await timed(
  'small',
  () =>
    writeSmallSet(join(outDir, 'small'), { count: count('small', values.small), patients, seed }),
  (r) => `${r.length} CR files, ${mb(total(r))}`,
);
const large = await timed(
  'large',
  () =>
    writeLargeSet(join(outDir, 'large'), {
      count: count('large', values.large),
      patients: Math.max(1, Math.ceil(patients / 10)),
      seed,
      ...(syntaxList ? { syntaxes: syntaxList } : {}),
    }),
  (r) => `${r.length} DX files, ${mb(total(r))}`,
);

await writeFile(
  join(outDir, 'manifest.json'),
  JSON.stringify({ seed, syntaxes: set, charsets, broken, small, large }, null, 2),
);
const all = [...set.files, ...charsets, ...small, ...large];
console.log(
  `total     ${all.length + Object.keys(broken).length} files, ${mb(total(all))} in ${((performance.now() - started) / 1000).toFixed(1)} s → ${outDir} (manifest.json)`,
);
