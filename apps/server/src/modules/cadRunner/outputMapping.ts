import type { CadRunnerSettings } from './settings';

/** What the model's output gives: a score on the product's scale, or why there is none. */
export type MappedOutput = { score: number } | { noScore: string };

/**
 * Maps the model's output tensor to a score: the configured element, through the logistic
 * function when asked, then `offset + scale × v`. A missing element, a value that is not a finite
 * number, or a score off the product's scale gives no score (the runner then records the product's
 * "no score" error code, so support sees a misconfigured model instead of a silent wrong band).
 */
export function mapOutput(
  values: ArrayLike<number | bigint>,
  output: CadRunnerSettings['output'],
  product: Pick<CadRunnerSettings['product'], 'scoreMin' | 'scoreMax'>,
): MappedOutput {
  if (output.index >= values.length)
    return {
      noScore: `the output has ${values.length} element(s); element ${output.index} was asked for`,
    };
  const raw = Number(values[output.index]);
  if (!Number.isFinite(raw)) return { noScore: `the output element is ${raw}` };
  const v = output.sigmoid ? 1 / (1 + Math.exp(-raw)) : raw;
  const score = output.offset + output.scale * v;
  if (!(score >= product.scoreMin && score <= product.scoreMax))
    return {
      noScore: `score ${score} is off the product scale ${product.scoreMin}–${product.scoreMax}`,
    };
  return { score };
}
