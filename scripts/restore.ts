/**
 * `npm run restore -- --from <dir> [--data-dir <dir>] [--force]`: restores a backup made by
 * `npm run backup` onto an empty data directory (or the empty database DATABASE_URL names) and
 * the configured object storage, then verifies every indexed object and the counts
 * (docs/operations/backup.md, docs/adr/0048). Exits 1 when verification finds any difference,
 * 2 on a usage or configuration error, a refused target or a failed database restore.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../apps/server/src/config';
import { runRestore } from '../apps/server/src/platform/backup/runRestore';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      'data-dir': { type: 'string' },
      force: { type: 'boolean', default: false },
    },
  });
  if (!values.from) {
    console.error('Usage: npm run restore -- --from <backup dir> [--data-dir <dir>] [--force]');
    return 2;
  }
  let config;
  try {
    const dataDir = values['data-dir'];
    config = loadConfig(dataDir ? { ...process.env, TELERAD_DATA_DIR: dataDir } : process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
  const fromDir = path.resolve(values.from);
  console.log(`Restoring ${fromDir} into ${config.dataDir}`);
  const started = Date.now();
  try {
    const r = await runRestore({
      config,
      fromDir,
      force: values.force,
      log: (l) => console.log(l),
    });
    console.log(
      `\nDatabase: ${r.seconds.database.toFixed(1)} s, objects: ${r.seconds.objects.toFixed(1)} s, verification: ${r.seconds.verify.toFixed(1)} s, total ${((Date.now() - started) / 1000).toFixed(1)} s\nStudies ${r.counts.studies}, instances ${r.counts.instances}, reports ${r.counts.reports}\nIndexed objects verified: ${r.verified}`,
    );
    for (const p of r.problems)
      console.log(`  ${p.problem.padEnd(8)} ${p.key}${p.detail ? `  ${p.detail}` : ''}`);
    for (const k of r.unlisted) console.log(`  unlisted ${k}`);
    for (const d of r.countDifferences) console.log(`  count    ${d}`);
    if (r.problems.length || r.unlisted.length || r.countDifferences.length) {
      console.error(
        `\nRestore verification FAILED: ${r.problems.length} objects missing or differing, ${r.unlisted.length} indexed objects not in the backup, ${r.countDifferences.length} counts differing.`,
      );
      return 1;
    }
    console.log('\nRestore verified: every indexed object is present and matches its hash.');
    return 0;
  } catch (e) {
    console.error(`\nRestore FAILED: ${(e as Error).message}`);
    return 2;
  }
}

process.exit(await main());
