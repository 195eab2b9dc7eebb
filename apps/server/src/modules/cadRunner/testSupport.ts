import fs from 'node:fs';
import path from 'node:path';
import pkg from 'onnx-proto';
import type { CadRunnerSettings } from './settings';

/**
 * Test helpers of the CAD runner (not used by the product): tiny ONNX models built here from
 * their protobuf definition, computing a known function of their input, so a test can compute
 * the exact score from the pixels itself; and the runner's configuration file.
 */

const { onnx } = pkg;
const FLOAT = onnx.TensorProto.DataType.FLOAT;

const tensorType = (dims: number[]): import('onnx-proto').onnx.ITypeProto => ({
  tensorType: { elemType: FLOAT, shape: { dim: dims.map((d) => ({ dimValue: d })) } },
});

/**
 * A model whose output `y` (a scalar) is Σ x·w over its input `x` of shape `dims`: a weighted sum
 * of the preprocessed pixels, with the weights `w` (as many as x has values) built in.
 */
export function weightedSumModel(dims: number[], weights: Float32Array): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: 'telerad-test',
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'weighted-sum',
      input: [{ name: 'x', type: tensorType(dims) }],
      output: [{ name: 'y', type: tensorType([]) }],
      initializer: [{ name: 'w', dims, dataType: FLOAT, floatData: Array.from(weights) }],
      node: [
        { opType: 'Mul', input: ['x', 'w'], output: ['xw'], name: 'mul' },
        {
          opType: 'ReduceSum',
          input: ['xw'],
          output: ['y'],
          name: 'sum',
          attribute: [{ name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: 0 }],
        },
      ],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

/** Weights 1..n scaled to sum to 1: each position counts differently, the result stays in 0..1. */
export function rampWeights(n: number): Float32Array {
  const total = (n * (n + 1)) / 2;
  return Float32Array.from({ length: n }, (_, i) => (i + 1) / total);
}

/** The runner configuration the tests use, with `over` replacing whole top-level parts. */
export function runnerConfig(
  modelFile: string,
  over: Partial<Record<keyof CadRunnerSettings, unknown>> = {},
): Record<string, unknown> {
  return {
    model: modelFile,
    product: { name: 'Centre TB model', vendor: 'Test centre', version: '2026.12-test' },
    input: {
      name: 'x',
      height: 4,
      width: 4,
      channels: 1,
      window: { mode: 'range', low: 0, high: 4095 },
    },
    output: { name: 'y', scale: 100 },
    ...over,
  };
}

/** Writes `config` as JSON into `dir` and answers the file's path. */
export function writeRunnerConfig(dir: string, config: Record<string, unknown>): string {
  const file = path.join(dir, `runner-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}
