/**
 * `npm run storage:migrate-to-s3`: copies the filesystem archive of TELERAD_DATA_DIR to the
 * bucket the TELERAD_S3_* variables name, verifying every object by reading it back
 * (docs/adr/0046). Run it with the server stopped when the database is the embedded one; it may
 * be run again at any time (objects already copied are checked, not sent again). Exits 1 when
 * any object is missing, differs or could not be copied, 2 on a configuration error.
 */
import { ConfigError, loadConfig } from '../apps/server/src/config';
import { openDatabase } from '../apps/server/src/platform/database';
import { migrateToS3 } from '../apps/server/src/platform/storageMigrate';
import { s3Client } from '../apps/server/src/platform/storageS3';

async function main(): Promise<number> {
  let config;
  try {
    // The target is S3 whatever TELERAD_STORAGE says: the source is always the data directory.
    config = loadConfig({ ...process.env, TELERAD_STORAGE: 's3' });
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
  if (config.storage.kind !== 's3') return 2;
  const settings = config.storage;
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    log: () => undefined,
  });
  const client = s3Client(settings);
  const started = Date.now();
  try {
    console.log(
      `Copying ${config.dataDir}/objects to s3://${settings.bucket}/${settings.prefix} (${settings.endpoint ?? `AWS ${settings.region}`})`,
    );
    let shown = 0;
    const report = await migrateToS3({
      db: database.db,
      dataDir: config.dataDir,
      client,
      settings,
      progress: (done, r) => {
        if (done === r.total || Date.now() - shown > 2000) {
          shown = Date.now();
          console.log(
            `  ${done}/${r.total}: ${r.copied} copied, ${r.skipped} already there, ${r.verified} verified, ${r.problems.length} problems`,
          );
        }
      },
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `\nObjects in the index: ${report.total}\n  copied:           ${report.copied}\n  already there:    ${report.skipped}\n  verified:         ${report.verified}\n  problems:         ${report.problems.length}\n  time:             ${seconds} s`,
    );
    for (const p of report.problems)
      console.log(`  ${p.problem.padEnd(8)} ${p.key}${p.detail ? `  ${p.detail}` : ''}`);
    if (report.problems.length) {
      console.log('\nNot every object is in the bucket as indexed: keep TELERAD_STORAGE=fs.');
      return 1;
    }
    console.log(
      '\nEvery indexed object is in the bucket and verified: TELERAD_STORAGE=s3 may be set.',
    );
    return 0;
  } finally {
    client.destroy();
    await database.close();
  }
}

process.exitCode = await main();
