import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The configuration of a centre's own CAD model (docs/adr/0042): a JSON file named by
 * TELERAD_CAD_RUNNER_CONFIG, validated at boot with everything else. Telerad ships no model: the
 * centre supplies the ONNX file and says how an image becomes the model's input and how its
 * output becomes a score on the product's scale.
 */

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const side = z.number().int('must be a whole number of pixels').min(1).max(4096);
const errorCode = z.object({
  code: z.number().int('must be a whole number'),
  meaning: z.string().trim().min(1).max(200),
});

/** How stored pixel values become 0..1 before resizing. */
const WindowSchema = z.discriminatedUnion('mode', [
  /** The image's own VOI window (Window Center/Width, PS3.3 §C.11.2.1.2); else its min and max. */
  z.object({ mode: z.literal('header') }),
  /** The image's own darkest and brightest values. */
  z.object({ mode: z.literal('minmax') }),
  /** A fixed range of modality values (after Rescale Slope/Intercept). */
  z
    .object({ mode: z.literal('range'), low: finite, high: finite })
    .refine((w) => w.high > w.low, 'high must be above low'),
]);

const RunnerSchema = z
  .object({
    /** The ONNX file, relative to the configuration file unless absolute. */
    model: z.string().trim().min(1),
    /** The product name and exact version the runner's results report as (docs/adr/0027). */
    product: z.object({
      name: z.string().trim().min(1).max(100),
      vendor: z.string().trim().min(1).max(100).default('Own model'),
      version: z.string().trim().min(1).max(50),
      scoreMin: finite.default(0),
      scoreMax: finite.default(100),
      higherIsAbnormal: z.boolean().default(true),
    }),
    input: z.object({
      name: z.string().min(1),
      height: side,
      width: side,
      channels: z.union([z.literal(1), z.literal(3)]).default(1),
      layout: z.enum(['NCHW', 'NHWC']).default('NCHW'),
      window: WindowSchema.default({ mode: 'header' }),
      /** Per channel (one value is used for every channel): (v − mean) / std after windowing. */
      mean: z.array(finite).min(1).max(3).default([0]),
      std: z
        .array(finite.refine((v) => v > 0, 'must be above 0'))
        .min(1)
        .max(3)
        .default([1]),
    }),
    output: z.object({
      name: z.string().min(1),
      /** Which element of the output tensor (flattened) is the abnormality score. */
      index: z.number().int().min(0).default(0),
      sigmoid: z.boolean().default(false),
      /** score = offset + scale × (σ(v) when sigmoid, else v). */
      scale: finite.default(1),
      offset: finite.default(0),
    }),
    /** The product error codes the runner reports, registered with its version. */
    errors: z
      .object({
        undecodable: errorCode.default({ code: -2, meaning: 'The image could not be decoded' }),
        noScore: errorCode.default({
          code: -3,
          meaning: 'The model gave no score on the product scale',
        }),
      })
      .default({
        undecodable: { code: -2, meaning: 'The image could not be decoded' },
        noScore: { code: -3, meaning: 'The model gave no score on the product scale' },
      }),
  })
  .superRefine((c, ctx) => {
    if (!(c.product.scoreMax > c.product.scoreMin))
      ctx.addIssue({
        code: 'custom',
        path: ['product', 'scoreMax'],
        message: 'must be above scoreMin',
      });
    for (const k of ['mean', 'std'] as const)
      if (c.input[k].length !== 1 && c.input[k].length !== c.input.channels)
        ctx.addIssue({
          code: 'custom',
          path: ['input', k],
          message: `must hold one value or one per channel (${c.input.channels})`,
        });
    if (c.errors.undecodable.code === c.errors.noScore.code)
      ctx.addIssue({
        code: 'custom',
        path: ['errors'],
        message: 'the two error codes must differ',
      });
  });

/** The runner's validated configuration; `model` is an absolute path. */
export type CadRunnerSettings = z.infer<typeof RunnerSchema>;

/** How pixel values are windowed to 0..1. */
export type CadRunnerWindow = CadRunnerSettings['input']['window'];

/**
 * Reads and validates the runner's configuration file. Answers the problems, each naming the
 * file and the field, when the file is missing, is not JSON, breaks the schema, or names a model
 * file that cannot be read; the caller refuses to boot with them.
 */
export function readCadRunnerSettings(
  file: string,
): { settings: CadRunnerSettings; problems: [] } | { settings: null; problems: string[] } {
  const where = `TELERAD_CAD_RUNNER_CONFIG=${JSON.stringify(file)}`;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    const why =
      (e as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'the file does not exist'
        : e instanceof SyntaxError
          ? `the file is not JSON (${e.message})`
          : `the file cannot be read (${(e as Error).message})`;
    return { settings: null, problems: [`${where}: ${why}`] };
  }
  const parsed = RunnerSchema.safeParse(raw);
  if (!parsed.success)
    return {
      settings: null,
      problems: parsed.error.issues.map(
        (i) => `${where}: ${i.path.length ? i.path.join('.') : '(the whole file)'}: ${i.message}`,
      ),
    };
  const model = path.resolve(path.dirname(path.resolve(file)), parsed.data.model);
  try {
    fs.accessSync(model, fs.constants.R_OK);
  } catch {
    return {
      settings: null,
      problems: [
        `${where}: model ${JSON.stringify(model)}: the file does not exist or is not readable`,
      ],
    };
  }
  return { settings: { ...parsed.data, model }, problems: [] };
}
