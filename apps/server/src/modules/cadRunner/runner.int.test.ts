import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { encodeCxr, makeCxr, writePart10, type CxrImage } from '../../testing/dicomFixtures';
import { binary, put, tag } from '../../testing/dicom/elements';
import { createPrimaryReadTask } from '../worklist';
import { CAD_RUNNER_QUEUE, startCadRunner, type StartedCadRunner } from './queue';
import { runCadOnStudy } from './runner';
import { readCadRunnerSettings, type CadRunnerSettings } from './settings';
import { rampWeights, runnerConfig, weightedSumModel, writeRunnerConfig } from './testSupport';

/**
 * The centre's own model (docs/adr/0042), end to end on a real database: a tiny ONNX model built
 * in the test (a weighted sum of a 4×4 input, weights 1..16 normalised) is configured, a real
 * synthetic chest X-ray is ingested, its primary read is created (which queues the runner's job
 * in the same transaction), the worker scores it, and the score equals the one computed here
 * from the pixels; a re-run adds nothing; an undecodable image gets the product's error code
 * and support is told.
 */
let fx: AppFixture;
let runner: StartedCadRunner;
let settings: CadRunnerSettings;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-cad-runner-'));
const WEIGHTS = rampWeights(16);

/** Starts the runner on the fixture's queue, polling every 0.5 s. */
const start = () =>
  startCadRunner({
    db: fx.tdb.db,
    boss: fx.jobs,
    storage: fx.storage,
    settings,
    log: pino({ level: 'silent' }),
    pollingIntervalSeconds: 0.5,
  });

beforeAll(async () => {
  fx = await appWithDemo();
  fs.writeFileSync(path.join(dir, 'model.onnx'), weightedSumModel([1, 1, 4, 4], WEIGHTS));
  const read = readCadRunnerSettings(writeRunnerConfig(dir, runnerConfig('model.onnx')));
  if (!read.settings) throw new Error(read.problems.join('\n'));
  settings = read.settings;
  runner = await start();
});
afterAll(async () => {
  await runner?.stop();
  await fx?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * The score the model must give, computed from the stored pixels alone: each value over the
 * configured range 0..4095, the mean of each 16×16 block of the 64×64 image, the weighted sum of
 * the 16 block means (row by row), times 100.
 */
function expectedScore(image: CxrImage): number {
  const { rows, columns } = image.spec;
  const bh = rows / 4;
  const bw = columns / 4;
  let sum = 0;
  for (let by = 0; by < 4; by++)
    for (let bx = 0; bx < 4; bx++) {
      let block = 0;
      for (let y = by * bh; y < (by + 1) * bh; y++)
        for (let x = bx * bw; x < (bx + 1) * bw; x++)
          block += Math.min(1, image.pixels[y * columns + x]! / 4095);
      sum += (block / (bh * bw)) * WEIGHTS[by * 4 + bx]!;
    }
  return 100 * sum;
}

/** Writes `image` in `syntax`, ingests it as DEMO1, and answers the stored study's id and UID. */
async function ingest(image: CxrImage, syntax: string, bytes?: Buffer) {
  const file = path.join(dir, `${image.sopInstanceUid}.dcm`);
  fs.writeFileSync(file, bytes ?? (await encodeCxr(image, syntax)).bytes);
  const stored = await fx.storeAs('DEMO1', file);
  return { studyId: stored.studyId, studyUid: stored.studyUid };
}

/** Creates the study's primary read as the stable-study path does (queuing the runner's job). */
async function primaryRead(studyId: string) {
  const r = await createPrimaryReadTask(
    fx.tdb.db,
    { studyId, stableAt: new Date().toISOString(), numInstances: 1 },
    new Date(),
  );
  expect(r.outcome).toBe('created');
}

/** The runner's results for a study, oldest first. */
const resultsOf = (studyId: string) =>
  fx.tdb.db
    .selectFrom('cad_results as r')
    .innerJoin('cad_products as p', 'p.id', 'r.product_id')
    .innerJoin('users as u', 'u.id', 'r.received_by')
    .select([
      'r.id',
      'r.score',
      'r.error_code',
      'r.source',
      'r.sop_instance_uid',
      'p.version',
      'u.username',
    ])
    .where('r.study_id', '=', studyId)
    .orderBy('r.received_at')
    .execute();

/** Waits (bounded) until the study's queued runner job is finished, and answers its state. */
async function jobDone(studyId: string): Promise<string> {
  const until = Date.now() + 30_000;
  for (;;) {
    const { rows } = await sql<{ state: string }>`
      select state from pgboss.job
      where name = ${CAD_RUNNER_QUEUE} and data->>'studyId' = ${studyId}`.execute(fx.tdb.db);
    if (rows.length !== 1) throw new Error(`${rows.length} runner jobs for the study`);
    const state = rows[0]!.state;
    if (state === 'completed' || state === 'failed') return state;
    if (Date.now() > until) throw new Error(`runner job still ${state}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("the centre's own CAD model", () => {
  it('registers its product version, uncalibrated, as its own service account', async () => {
    const product = await fx.tdb.db
      .selectFrom('cad_products as p')
      .innerJoin('users as u', 'u.id', 'p.created_by')
      .select(['p.score_min', 'p.score_max', 'p.error_codes', 'u.username', 'u.service', 'u.roles'])
      .where('p.name', '=', 'Centre TB model')
      .where('p.version', '=', '2026.12-test')
      .executeTakeFirstOrThrow();
    expect(product).toMatchObject({
      score_min: 0,
      score_max: 100,
      username: 'cad-runner',
      service: 'cad',
      roles: [],
    });
    expect(product.error_codes.map((e) => e.code)).toEqual([-2, -3]);
    const audit = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['action', 'actor_name'])
      .where('action', 'in', ['cad.runner.account.create', 'cad.product.register'])
      .orderBy('at')
      .execute();
    expect(audit).toEqual([
      { action: 'cad.runner.account.create', actor_name: 'system' },
      { action: 'cad.product.register', actor_name: 'cad-runner' },
    ]);
    const thresholds = await fx.tdb.db
      .selectFrom('cad_thresholds')
      .select('id')
      .where('product_id', '=', runner.deps.product.id)
      .execute();
    expect(thresholds).toEqual([]);
  });

  it('scores a stable chest X-ray off the request path: the exact score from its pixels', async () => {
    const image = makeCxr({ rows: 64, columns: 64, seed: 7, modality: 'DX' });
    const { studyId } = await ingest(image, 'explicitLE');
    await primaryRead(studyId);
    expect(await jobDone(studyId)).toBe('completed');

    const [result, ...more] = await resultsOf(studyId);
    expect(more).toEqual([]);
    expect(result).toMatchObject({
      error_code: null,
      source: 'runner',
      sop_instance_uid: image.sopInstanceUid,
      version: '2026.12-test',
      username: 'cad-runner',
    });
    const want = expectedScore(image);
    // The pixels are not flat: a model that ignored where they are would give another score.
    expect(want).not.toBeCloseTo(
      (100 * [...image.pixels].reduce((a, b) => a + b, 0)) / 4095 / 4096,
      2,
    );
    expect(result!.score).toBeCloseTo(want, 3);
    const audit = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['actor_name', 'outcome', 'clinic_id', 'details'])
      .where('action', '=', 'cad.result')
      .where('resource_id', '=', result!.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_name: 'cad-runner', outcome: 'success' });
    expect(audit[0]!.details).toMatchObject({ runner: true, created: true });

    // A retried job scores only what is missing: nothing here, and nothing changes.
    const again = await runCadOnStudy(runner.deps, studyId, 'retry');
    expect(again).toEqual([
      { sopInstanceUid: image.sopInstanceUid, outcome: { skipped: 'scored' }, ms: 0 },
    ]);
    expect(await resultsOf(studyId)).toHaveLength(1);
  });

  it('decodes a compressed image through the transcoder to the same exact score', async () => {
    const image = makeCxr({ rows: 64, columns: 64, seed: 11, modality: 'CR' });
    const { studyId } = await ingest(image, 'jpegLsLossless');
    await primaryRead(studyId);
    expect(await jobDone(studyId)).toBe('completed');
    const [result] = await resultsOf(studyId);
    expect(result!.score).toBeCloseTo(expectedScore(image), 3);
  });

  it('records the product error code for an undecodable image and tells support', async () => {
    const image = makeCxr({ rows: 64, columns: 64, seed: 13, modality: 'DX' });
    // The header says 64×64 at 16 bits; Pixel Data holds 100 bytes.
    const broken = put(image.dataSet, binary(tag(0x7fe0, 0x0010), 'OW', new Uint8Array(100)));
    const bytes = writePart10(broken, { transferSyntax: '1.2.840.10008.1.2.1' });
    const { studyId, studyUid } = await ingest(image, 'explicitLE', bytes);
    await primaryRead(studyId);
    expect(await jobDone(studyId)).toBe('completed');
    const [result, ...more] = await resultsOf(studyId);
    expect(more).toEqual([]);
    expect(result).toMatchObject({ score: null, error_code: -2, source: 'runner' });
    const told = await fx.tdb.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['u.username', 'n.kind', 'n.body'])
      .where('n.kind', '=', 'cad.result_error')
      .execute();
    expect(told.map((n) => n.username)).toContain('support');
    const forSupport = told.find((n) => n.username === 'support')!.body;
    expect(forSupport).toContain('-2');
    expect(forSupport).toContain(studyUid);
  });

  it('queues nothing when no runner is started, in the read transaction or after', async () => {
    await runner.stop();
    try {
      const image = makeCxr({ rows: 64, columns: 64, seed: 17, modality: 'DX' });
      const { studyId } = await ingest(image, 'explicitLE');
      await primaryRead(studyId);
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from pgboss.job
        where name = ${CAD_RUNNER_QUEUE} and data->>'studyId' = ${studyId}`.execute(fx.tdb.db);
      expect(rows[0]!.n).toBe(0);
    } finally {
      runner = await start();
    }
  });

  it('refuses to start when its version is registered with another scale', async () => {
    await expect(
      startCadRunner({
        db: fx.tdb.db,
        boss: fx.jobs,
        storage: fx.storage,
        settings: { ...settings, product: { ...settings.product, scoreMax: 1 } },
        log: pino({ level: 'silent' }),
      }),
    ).rejects.toThrow(
      'CAD product Centre TB model 2026.12-test is registered already and its scale is 0–100, the configuration says 0–1; a changed model must report a new version',
    );
  });
});
