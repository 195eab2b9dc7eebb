import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config';
import { CadModelError, checkModel } from './session';
import { readCadRunnerSettings } from './settings';
import { rampWeights, runnerConfig, weightedSumModel, writeRunnerConfig } from './testSupport';

/**
 * A bad runner configuration refuses the boot with a message naming the file and the field: a
 * missing or non-JSON file, a field off its schema, a model file that is missing, is not an ONNX
 * model, or lacks the configured input or output or shape.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-cad-boot-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const model = path.join(dir, 'model.onnx');
fs.writeFileSync(model, weightedSumModel([1, 1, 4, 4], rampWeights(16)));

/** The problems loadConfig names for a runner configuration file `file`. */
function bootProblems(file: string): string[] {
  try {
    loadConfig({ TELERAD_CAD_RUNNER_CONFIG: file });
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe('the runner configuration at boot', () => {
  it('is read into the one config object, the model path made absolute', () => {
    const file = writeRunnerConfig(dir, runnerConfig('model.onnx'));
    const config = loadConfig({ TELERAD_CAD_RUNNER_CONFIG: file });
    expect(config.cadRunner).toMatchObject({
      model,
      product: { name: 'Centre TB model', scoreMin: 0, scoreMax: 100, higherIsAbnormal: true },
      input: { height: 4, width: 4, channels: 1, layout: 'NCHW', mean: [0], std: [1] },
      output: { index: 0, sigmoid: false, scale: 100, offset: 0 },
      errors: { undecodable: { code: -2 }, noScore: { code: -3 } },
    });
    expect(loadConfig({}).cadRunner).toBeUndefined();
  });

  it('refuses a missing file, a file that is not JSON, and names each bad field', () => {
    const missing = path.join(dir, 'nowhere.json');
    expect(bootProblems(missing)).toEqual([
      `TELERAD_CAD_RUNNER_CONFIG=${JSON.stringify(missing)}: the file does not exist`,
    ]);
    const notJson = path.join(dir, 'bad.json');
    fs.writeFileSync(notJson, '{ model: ');
    expect(bootProblems(notJson)[0]).toMatch(/the file is not JSON/);
    const bad = writeRunnerConfig(
      dir,
      runnerConfig('model.onnx', {
        input: { name: 'x', height: 0, width: 4, channels: 3, mean: [0, 1] },
        product: { name: 'M', version: '1', scoreMin: 10, scoreMax: 5 },
      }),
    );
    const problems = bootProblems(bad);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/input\.height: .*>=1/),
        expect.stringMatching(/product\.scoreMax: must be above scoreMin/),
        expect.stringMatching(/input\.mean: must hold one value or one per channel \(3\)/),
      ]),
    );
  });

  it('refuses a model file that does not exist', () => {
    const file = writeRunnerConfig(dir, runnerConfig('absent.onnx'));
    expect(bootProblems(file)).toEqual([
      `TELERAD_CAD_RUNNER_CONFIG=${JSON.stringify(file)}: model ${JSON.stringify(path.join(dir, 'absent.onnx'))}: the file does not exist or is not readable`,
    ]);
  });
});

describe('the model check at boot', () => {
  const settingsFor = (file: string, over: Parameters<typeof runnerConfig>[1] = {}) => {
    const r = readCadRunnerSettings(writeRunnerConfig(dir, runnerConfig(file, over)));
    if (!r.settings) throw new Error(r.problems.join('\n'));
    return r.settings;
  };

  it('accepts the model as configured', async () => {
    await expect(checkModel(settingsFor('model.onnx'))).resolves.toBeUndefined();
  });

  it('refuses a file that is not an ONNX model', async () => {
    const junk = path.join(dir, 'junk.onnx');
    fs.writeFileSync(junk, 'these are not the weights you are looking for');
    const err = await checkModel(settingsFor('junk.onnx')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CadModelError);
    expect((err as Error).message).toMatch(
      new RegExp(`^CAD model "${junk}" cannot be loaded by ONNX Runtime: `),
    );
  });

  it('refuses an input or output the model does not have, or another input shape', async () => {
    const base = runnerConfig('model.onnx');
    await expect(
      checkModel(
        settingsFor('model.onnx', { input: { ...(base.input as object), name: 'image' } }),
      ),
    ).rejects.toThrow(/has no input "image"; its inputs are: x$/);
    await expect(
      checkModel(settingsFor('model.onnx', { output: { name: 'score' } })),
    ).rejects.toThrow(/has no output "score"; its outputs are: y$/);
    await expect(
      checkModel(settingsFor('model.onnx', { input: { ...(base.input as object), height: 224 } })),
    ).rejects.toThrow(
      /input "x" has shape \[1, 1, 4, 4\]; the configuration gives \[1, 1, 224, 4\] \(NCHW\)/,
    );
  });
});
