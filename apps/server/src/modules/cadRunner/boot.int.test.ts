import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../testing/serverProcess';
import { createTestDb, type TestDb } from '../../testing/testDb';
import { rampWeights, runnerConfig, weightedSumModel, writeRunnerConfig } from './testSupport';

/**
 * The real server with a runner (docs/adr/0042): given a model file that is not an ONNX model it
 * refuses to boot, saying which file and why, and never becomes healthy; given a good model it
 * scores the demo's sample chest X-rays as they become stable, as main.ts wires it.
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

describe('booting with a CAD model', () => {
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

  it('with a good model, scores the sample studies that become stable, as the runner', async () => {
    const model = path.join(dir, 'good.onnx');
    fs.writeFileSync(model, weightedSumModel([1, 1, 4, 4], rampWeights(16)));
    const config = writeRunnerConfig(dir, runnerConfig(model));
    const server = await startServer({
      env: { DATABASE_URL: tdb.url, TELERAD_CAD_RUNNER_CONFIG: config },
    });
    try {
      const until = Date.now() + 60_000;
      let results: { score: number | null; username: string; source: string }[] = [];
      while (results.length === 0) {
        if (Date.now() > until) throw new Error(`no runner result:\n${server.output()}`);
        await new Promise((r) => setTimeout(r, 250));
        results = await tdb.db
          .selectFrom('cad_results as r')
          .innerJoin('users as u', 'u.id', 'r.received_by')
          .select(['r.score', 'u.username', 'r.source'])
          .execute();
      }
      expect(results[0]).toMatchObject({ username: 'cad-runner', source: 'runner' });
      expect(results[0]!.score).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
  });
});
