import fs from 'node:fs';
import ort from 'onnxruntime-node';
import type { ModelInput } from './preprocess';
import type { CadRunnerSettings } from './settings';

/**
 * The ONNX Runtime session of the centre's model, created once per model file (its path, size
 * and modification time: a replaced file gets a new session) and checked against the
 * configuration before the runner accepts work.
 */

const sessions = new Map<string, Promise<ort.InferenceSession>>();

/** A model file that cannot run as configured: the server refuses to boot with this. */
export class CadModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CadModelError';
  }
}

const keyOf = (file: string): string => {
  const st = fs.statSync(file);
  return `${file}:${st.size}:${st.mtimeMs}`;
};

/** The session of `settings.model`, from the cache when the same file was loaded before. */
export function modelSession(settings: CadRunnerSettings): Promise<ort.InferenceSession> {
  const key = keyOf(settings.model);
  let s = sessions.get(key);
  if (!s) {
    s = ort.InferenceSession.create(settings.model, {
      // One thread for the operators: the runner shares the machine with ingest and the API.
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
    sessions.set(key, s);
    // A failed load is not cached: a fixed file is tried again.
    s.catch(() => sessions.delete(key));
  }
  return s;
}

/**
 * Loads the model and checks it against the configuration: the file is an ONNX model ONNX
 * Runtime can run, it has the named input and output, and the input's fixed dimensions (when the
 * model declares them) equal the configured shape. Throws {@link CadModelError} naming the file
 * and what is wrong.
 */
export async function checkModel(settings: CadRunnerSettings): Promise<void> {
  const where = `CAD model ${JSON.stringify(settings.model)}`;
  let session: ort.InferenceSession;
  try {
    session = await modelSession(settings);
  } catch (e) {
    throw new CadModelError(`${where} cannot be loaded by ONNX Runtime: ${(e as Error).message}`);
  }
  const { input, output } = settings;
  if (!session.inputNames.includes(input.name))
    throw new CadModelError(
      `${where} has no input "${input.name}"; its inputs are: ${session.inputNames.join(', ')}`,
    );
  if (!session.outputNames.includes(output.name))
    throw new CadModelError(
      `${where} has no output "${output.name}"; its outputs are: ${session.outputNames.join(', ')}`,
    );
  const meta = session.inputMetadata[session.inputNames.indexOf(input.name)];
  if (meta?.isTensor) {
    if (meta.type !== 'float32')
      throw new CadModelError(`${where}: input "${input.name}" is ${meta.type}, not float32`);
    const want =
      input.layout === 'NCHW'
        ? [1, input.channels, input.height, input.width]
        : [1, input.height, input.width, input.channels];
    const fixed = meta.shape.length === 0 ? [] : meta.shape;
    if (
      fixed.length &&
      (fixed.length !== 4 || fixed.some((d, i) => typeof d === 'number' && d !== want[i]))
    )
      throw new CadModelError(
        `${where}: input "${input.name}" has shape [${fixed.join(', ')}]; the configuration gives [${want.join(', ')}] (${input.layout})`,
      );
  }
}

/** Runs the model on one input and answers the configured output, flattened. */
export async function infer(
  settings: CadRunnerSettings,
  x: ModelInput,
): Promise<ArrayLike<number | bigint>> {
  const session = await modelSession(settings);
  const out = await session.run(
    { [settings.input.name]: new ort.Tensor('float32', x.data, x.dims) },
    [settings.output.name],
  );
  const t = out[settings.output.name];
  if (!t) throw new Error(`the model answered no "${settings.output.name}"`);
  return t.data as ArrayLike<number | bigint>;
}
