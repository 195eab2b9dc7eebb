import fs from 'node:fs';
import path from 'node:path';
import { writeCxr } from '../../apps/server/src/testing/dicomFixtures';

/**
 * The benchmark's input files, made once and reused: `count` instances of `rows`×`columns`
 * 12-bit Explicit VR Little Endian, one study per ten instances.
 */
export async function benchFiles(
  dir: string,
  kind: 'small' | 'large',
  count: number,
): Promise<string[]> {
  const sub = path.join(dir, `${kind}-${count}`);
  const done = path.join(sub, '.complete');
  const files = Array.from({ length: count }, (_, i) =>
    path.join(sub, `${kind}-${String(i).padStart(4, '0')}.dcm`),
  );
  if (fs.existsSync(done)) return files;
  fs.rmSync(sub, { recursive: true, force: true });
  fs.mkdirSync(sub, { recursive: true });
  const size =
    kind === 'small'
      ? { rows: 256, columns: 256, modality: 'CR' as const }
      : { rows: 2500, columns: 2048, modality: 'DX' as const };
  let study = { studyInstanceUid: '' };
  for (let i = 0; i < count; i++) {
    if (i % 10 === 0)
      study = { studyInstanceUid: `2.25.${Date.now()}${i}${Math.floor(Math.random() * 1e9)}` };
    await writeCxr(files[i]!, 'explicitLE', {
      ...size,
      seed: i + 1,
      study,
      instanceNumber: (i % 10) + 1,
    });
  }
  fs.writeFileSync(done, '');
  return files;
}

/** Total size of files, in MiB. */
export function mib(files: string[]): number {
  return files.reduce((n, f) => n + fs.statSync(f).size, 0) / (1024 * 1024);
}

/** Splits `items` into `n` nearly equal groups, keeping order. */
export function split<T>(items: T[], n: number): T[][] {
  const out: T[][] = Array.from({ length: n }, () => []);
  items.forEach((it, i) => out[Math.floor((i * n) / items.length)]!.push(it));
  return out;
}
