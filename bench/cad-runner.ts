/**
 * The centre's own CAD model runner (docs/adr/0042): what one image costs, by phase.
 *
 * Builds tiny ONNX models here (no weights ship with Telerad): the test model (a weighted sum of
 * a 4×4 input) and a weighted sum over a 224×224×3 input normalised as ImageNet models are, and
 * scores synthetic chest X-rays of a small (64×64) and a full detector size (2048×2500, 12-bit)
 * through the runner's own decode, preprocessing and inference. Prints the median and p95 of
 * each phase over the runs. A real CNN costs far more inference time than these models: this
 * measures the runner's own overhead and the floor of ONNX Runtime's call.
 *
 *   npm run bench:cad [runs=30]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  readCadRunnerSettings,
  toModelInput,
  type CadRunnerSettings,
} from '../apps/server/src/modules/cadRunner';
import { decodeGrey } from '../apps/server/src/modules/cadRunner/decode';
import { infer } from '../apps/server/src/modules/cadRunner/session';
import {
  rampWeights,
  runnerConfig,
  weightedSumModel,
  writeRunnerConfig,
} from '../apps/server/src/modules/cadRunner/testSupport';
import { encodeCxr, makeCxr } from '../apps/server/src/testing/dicomFixtures';

const RUNS = Math.max(3, Number(process.argv[2] ?? 30));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-bench-cad-'));

/** Settings for a weighted-sum model over `height`×`width`×`channels`, written into `dir`. */
function settingsFor(name: string, height: number, width: number, channels: 1 | 3) {
  const dims = [1, channels, height, width];
  const file = path.join(dir, `${name}.onnx`);
  fs.writeFileSync(file, weightedSumModel(dims, rampWeights(channels * height * width)));
  const input: Record<string, unknown> = {
    name: 'x',
    height,
    width,
    channels,
    window: { mode: 'header' },
    ...(channels === 3 ? { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] } : {}),
  };
  const r = readCadRunnerSettings(writeRunnerConfig(dir, runnerConfig(file, { input })));
  if (!r.settings) throw new Error(r.problems.join('\n'));
  return r.settings;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1]!;
const ms = (x: number) => `${x.toFixed(2)} ms`;

async function measure(label: string, settings: CadRunnerSettings, rows: number, columns: number) {
  const image = makeCxr({ rows, columns, seed: 3 });
  const { bytes } = await encodeCxr(image, 'explicitLE');
  const t = { decode: [] as number[], preprocess: [] as number[], infer: [] as number[] };
  // One run first: the session is created and cached, as the runner's first job does.
  await infer(
    settings,
    toModelInput(await decodeGrey(bytes, '1.2.840.10008.1.2.1'), settings.input),
  );
  for (let i = 0; i < RUNS; i++) {
    let at = performance.now();
    const grey = await decodeGrey(bytes, '1.2.840.10008.1.2.1');
    t.decode.push(performance.now() - at);
    at = performance.now();
    const x = toModelInput(grey, settings.input);
    t.preprocess.push(performance.now() - at);
    at = performance.now();
    await infer(settings, x);
    t.infer.push(performance.now() - at);
  }
  const total = t.decode.map((d, i) => d + t.preprocess[i]! + t.infer[i]!);
  console.log(
    `${label.padEnd(44)} decode ${ms(median(t.decode))}  preprocess ${ms(median(t.preprocess))}  ` +
      `inference ${ms(median(t.infer))}  total ${ms(median(total))} (p95 ${ms(p95(total))})`,
  );
}

console.log(`CAD runner, ${RUNS} runs per line (median per image)`);
const tiny = settingsFor('tiny', 4, 4, 1);
const imagenet = settingsFor('imagenet', 224, 224, 3);
await measure('4×4 test model, 64×64 image', tiny, 64, 64);
await measure('4×4 test model, 2048×2500 12-bit image', tiny, 2500, 2048);
await measure('224×224×3 input, 64×64 image', imagenet, 64, 64);
await measure('224×224×3 input, 2048×2500 12-bit image', imagenet, 2500, 2048);
fs.rmSync(dir, { recursive: true, force: true });
