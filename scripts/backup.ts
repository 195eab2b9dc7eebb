/**
 * `npm run backup -- --out <dir>`: backs up the database and every object it indexes into a new
 * directory, with `manifest.json` (docs/operations/backup.md, docs/adr/0048). Reads the same
 * environment as the server. Exits 1 when any object could not be copied or verified, 2 on a
 * usage or configuration error or a failure of the database copy.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../apps/server/src/config';
import { runBackup } from '../apps/server/src/platform/backup/runBackup';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  if (!values.out) {
    console.error('Usage: npm run backup -- --out <new directory>');
    return 2;
  }
  let config;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
  const outDir = path.resolve(values.out);
  console.log(`Backing up ${config.databaseUrl ? 'DATABASE_URL' : config.dataDir} to ${outDir}`);
  try {
    const r = await runBackup({ config, outDir, log: (l) => console.log(l) });
    const m = r.manifest;
    const bytes = m.objects.reduce((s, o) => s + o.size, 0);
    console.log(
      `\nDatabase (${m.database.method}): ${r.seconds.database.toFixed(1)} s\nObjects: ${m.objects.length} (${(bytes / 1e6).toFixed(1)} MB) in ${r.seconds.objects.toFixed(1)} s\nStudies ${m.counts.studies}, instances ${m.counts.instances}, reports ${m.counts.reports}`,
    );
    for (const p of r.problems)
      console.log(`  ${p.problem.padEnd(8)} ${p.key}${p.detail ? `  ${p.detail}` : ''}`);
    if (r.problems.length) {
      console.error(
        `\nBackup FAILED: ${r.problems.length} indexed objects could not be copied intact; no manifest was written.`,
      );
      return 1;
    }
    console.log(`\nBackup complete: ${outDir}`);
    return 0;
  } catch (e) {
    console.error(`\nBackup FAILED: ${(e as Error).message}`);
    return 2;
  }
}

process.exit(await main());
