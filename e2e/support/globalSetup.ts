import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startServer } from '../../apps/server/src/testing/serverProcess';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the demo server the e2e tests drive. */
    baseUrl: string;
    /** Its DICOM port (AE TELERAD). */
    dicomPort: number;
    /** Its database, which `sharedState.ts` watches for what a file leaves changed. */
    databaseUrl: string;
  }
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Builds the web app if needed and starts one demo server for the e2e tests. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!fs.existsSync(path.join(ROOT, 'apps/web/dist/index.html'))) {
    execFileSync(
      path.join(ROOT, 'node_modules/.bin/vite'),
      ['build', 'apps/web', '--logLevel', 'warn'],
      { cwd: ROOT, stdio: 'inherit' },
    );
  }
  // A short quiet period keeps the worklist test quick; sample studies would only add noise.
  const server = await startServer({
    env: { TELERAD_STABLE_SECONDS: '2', TELERAD_DEMO_STUDIES: '0' },
  });
  project.provide('baseUrl', server.url);
  project.provide('dicomPort', server.dicomPort);
  project.provide('databaseUrl', server.databaseUrl);
  return async () => {
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  };
}
