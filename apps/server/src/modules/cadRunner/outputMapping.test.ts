import { describe, expect, it } from 'vitest';
import { mapOutput } from './outputMapping';

const product = { scoreMin: 0, scoreMax: 100 };
const output = { name: 'y', index: 0, sigmoid: false, scale: 100, offset: 0 };

describe('mapping the model output to a score', () => {
  it('takes the configured element, scales and offsets it', () => {
    expect(mapOutput(Float32Array.of(0.1, 0.375), { ...output, index: 1 }, product)).toEqual({
      score: 37.5,
    });
    expect(mapOutput([0.5], { ...output, scale: 50, offset: 10 }, product)).toEqual({ score: 35 });
  });

  it('passes a logit through the logistic function when asked', () => {
    expect(mapOutput([0], { ...output, sigmoid: true }, product)).toEqual({ score: 50 });
    const r = mapOutput([2], { ...output, sigmoid: true }, product);
    expect('score' in r && r.score).toBeCloseTo(100 / (1 + Math.exp(-2)), 9);
  });

  it('gives no score for a missing element, a non-number or a score off the scale', () => {
    expect(mapOutput([0.5], { ...output, index: 1 }, product)).toEqual({
      noScore: 'the output has 1 element(s); element 1 was asked for',
    });
    expect(mapOutput([NaN], output, product)).toEqual({ noScore: 'the output element is NaN' });
    expect(mapOutput([1.5], output, product)).toEqual({
      noScore: 'score 150 is off the product scale 0–100',
    });
    expect(mapOutput([-0.01], output, product)).toHaveProperty('noScore');
  });
});
