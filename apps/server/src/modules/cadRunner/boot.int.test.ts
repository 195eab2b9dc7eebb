import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../testing/serverProcess';
import { createTestDb, type TestDb } from '../../testing/testDb';
import { runnerConfig, writeRunnerConfig } from './testSupport';

/**
 * The real server refuses to boot with a runner whose model file is not an ONNX model: it says
 * which file and why, and never becomes healthy (docs/adr/0042).
 */
let tdb: TestDb;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-cad-boot-'));

beforeAll(async () => {
  tdb = await createTestDb();
});
afterAll(async () => {
  await tdb?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('booting with a bad CAD model', () => {
  it('refuses to start and names the model file and the reason', async () => {
    const model = path.join(dir, 'model.onnx');
    fs.writeFileSync(model, 'not a model');
    const config = writeRunnerConfig(dir, runnerConfig(model));
    const boot = await startServer({
      env: { DATABASE_URL: tdb.url, TELERAD_CAD_RUNNER_CONFIG: config },
    }).then(
      async (s) => {
        await s.stop();
        return 'healthy';
      },
      (e: unknown) => (e as Error).message,
    );
    expect(boot).toContain('Invalid configuration:');
    expect(boot).toContain(`CAD model "${model}" cannot be loaded by ONNX Runtime`);
  });
});
