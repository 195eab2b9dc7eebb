import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../platform/embeddedPostgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the cluster integration tests create their databases in. */
    pgAdminUrl: string;
    /** `external` (DATABASE_URL) or `embedded`. */
    pgKind: 'external' | 'embedded';
  }
}

/**
 * Integration tests run against DATABASE_URL when it is set (the machine's PostgreSQL), and
 * otherwise against an embedded PostgreSQL started here, exactly as the server starts it.
 * Each test file then creates its own database in that cluster.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let embedded: EmbeddedPostgres | undefined;
  let dir: string | undefined;
  if (process.env.DATABASE_URL) {
    project.provide('pgAdminUrl', process.env.DATABASE_URL);
    project.provide('pgKind', 'external');
  } else {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-itest-'));
    fs.chmodSync(dir, 0o755);
    embedded = await startEmbeddedPostgres({ dir: path.join(dir, 'pg') });
    project.provide('pgAdminUrl', embedded.adminUrl);
    project.provide('pgKind', 'embedded');
  }
  return async () => {
    await embedded?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };
}
