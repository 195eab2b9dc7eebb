import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { runAs } from '../embeddedPostgres';

const run = promisify(execFile);

/**
 * Contents a base backup leaves out (PostgreSQL docs, "Making a Base Backup Using the Low Level
 * API"): files the server recreates or that describe the live postmaster. The directories are
 * kept, empty; `pg_wal` is filled from the WAL held for the backup once it has stopped. `run` is
 * our socket directory (embeddedPostgres.ts).
 */
const SKIP_CONTENTS = new Set([
  'pg_wal',
  'pg_replslot',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_stat_tmp',
  'pg_subtrans',
  'run',
]);
const SKIP_FILES = new Set(['postmaster.pid', 'postmaster.opts', 'backup_label', 'tablespace_map']);

/** Copies a live cluster directory; a file removed while we copy is fine (WAL replay covers it). */
async function copyTree(from: string, to: string, top = true): Promise<void> {
  await fs.promises.mkdir(to, { recursive: true, mode: 0o700 });
  for (const e of await fs.promises.readdir(from, { withFileTypes: true })) {
    if (top && SKIP_FILES.has(e.name)) continue;
    if (e.name.startsWith('pgsql_tmp')) continue;
    const src = path.join(from, e.name);
    const dst = path.join(to, e.name);
    if (e.isDirectory()) {
      if (top && SKIP_CONTENTS.has(e.name)) await fs.promises.mkdir(dst, { mode: 0o700 });
      else await copyTree(src, dst, false);
    } else if (e.isFile()) {
      await fs.promises.copyFile(src, dst).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
      });
    }
  }
}

/**
 * A base backup of the running cluster at `clusterDir` (reached at `adminUrl`) into `outDir`,
 * with PostgreSQL's low-level API: a temporary physical replication slot holds every WAL segment
 * from the backup's start, `pg_backup_start(fast)` checkpoints, the directory is copied while the
 * server runs, `pg_backup_stop()` gives the `backup_label` to write into the copy, and the WAL up
 * to its end is copied into `pg_wal`. A cluster started on the copy replays that WAL to the
 * consistent point and opens (no `recovery.signal`: the WAL is all in `pg_wal`).
 */
export async function baseBackup(opts: {
  adminUrl: string;
  clusterDir: string;
  outDir: string;
}): Promise<{ serverVersion: string }> {
  const c = new pg.Client({ connectionString: opts.adminUrl });
  await c.connect();
  try {
    const serverVersion = (await c.query<{ v: string }>('show server_version')).rows[0]!.v;
    const slot = `telerad_backup_${randomBytes(4).toString('hex')}`;
    // Temporary: dropped with this session even if we die, so WAL is never held for ever.
    await c.query('select pg_create_physical_replication_slot($1, true, true)', [slot]);
    await c.query('select pg_backup_start($1, true)', ['telerad backup']);
    let label: { labelfile: string; spcmapfile: string | null };
    try {
      await copyTree(opts.clusterDir, opts.outDir);
    } finally {
      // Always ended, so a failed copy never leaves the server in backup mode.
      label = (
        await c.query<{ labelfile: string; spcmapfile: string | null }>(
          'select labelfile, spcmapfile from pg_backup_stop(false)',
        )
      ).rows[0]!;
    }
    fs.writeFileSync(path.join(opts.outDir, 'backup_label'), label.labelfile);
    if (label.spcmapfile)
      fs.writeFileSync(path.join(opts.outDir, 'tablespace_map'), label.spcmapfile);
    // The slot kept every segment since the start; the ones written after the stop do no harm.
    const wal = path.join(opts.clusterDir, 'pg_wal');
    for (const name of fs.readdirSync(wal))
      if (/^[0-9A-F]{24}$/.test(name))
        fs.copyFileSync(path.join(wal, name), path.join(opts.outDir, 'pg_wal', name));
    fs.mkdirSync(path.join(opts.outDir, 'pg_wal', 'archive_status'), { mode: 0o700 });
    return { serverVersion };
  } finally {
    await c.end();
  }
}

/** Places a base backup as the cluster directory of a fresh data directory, owned as postgres runs. */
export function placeBaseBackup(from: string, clusterDir: string): void {
  fs.mkdirSync(path.dirname(clusterDir), { recursive: true });
  fs.cpSync(from, clusterDir, { recursive: true });
  fs.chmodSync(clusterDir, 0o700);
  const ids = runAs(() => undefined);
  if (ids) {
    const own = (p: string) => {
      fs.chownSync(p, ids.uid, ids.gid);
      if (fs.statSync(p).isDirectory()) for (const n of fs.readdirSync(p)) own(path.join(p, n));
    };
    own(clusterDir);
  }
}

/** The major version of a PostgreSQL client tool, e.g. 15 for pg_dump 15.14. */
async function toolMajor(tool: string): Promise<number> {
  const { stdout } = await run(tool, ['--version']).catch(() => {
    throw new Error(
      `${tool} was not found: install the PostgreSQL client tools (postgresql-client)`,
    );
  });
  const m = /\(PostgreSQL\) (\d+)/.exec(stdout);
  if (!m) throw new Error(`Cannot read the version of ${tool}: ${stdout.trim()}`);
  return Number(m[1]);
}

/**
 * Checks that `tool` can work with the server at `url`: pg_dump refuses a server newer than
 * itself, so say so first, with the fix, instead of its bare message.
 */
export async function assertToolFits(tool: 'pg_dump' | 'pg_restore', url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { v, n } = (
    await c.query<{ v: string; n: string }>(
      "select current_setting('server_version') as v, current_setting('server_version_num') as n",
    )
  ).rows[0]!;
  await c.end();
  const server = Math.floor(Number(n) / 10000);
  const mine = await toolMajor(tool);
  if (mine < server)
    throw new Error(
      `${tool} is version ${mine} but the database server is PostgreSQL ${server} (${v}); ` +
        `${tool} cannot work with a newer server. Install postgresql-client-${server} and put ` +
        `its ${tool} first on PATH (e.g. /usr/lib/postgresql/${server}/bin).`,
    );
  return v;
}

/** `pg_dump -Fc` of `url` as of the exported snapshot `snapshot` into `file`. */
export async function dumpDatabase(url: string, snapshot: string, file: string): Promise<void> {
  await run('pg_dump', ['-Fc', '--no-owner', `--snapshot=${snapshot}`, '-f', file, '-d', url], {
    maxBuffer: 16 << 20,
  });
}

/** `pg_restore` of a custom-format dump into `url`; `clean` drops what is there first. */
export async function restoreDump(url: string, file: string, clean: boolean): Promise<void> {
  const args = ['--no-owner', '--exit-on-error', '-d', url];
  if (clean) args.push('--clean', '--if-exists');
  await run('pg_restore', [...args, file], { maxBuffer: 16 << 20 });
}
