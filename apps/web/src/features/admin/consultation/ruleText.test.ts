import { DEFAULT_CONSULTATION_RULES } from '@telerad/contracts';
import { describe, expect, it } from 'vitest';
import { conditionText, ruleIdFor, upsertRule } from './ruleText';

describe('consultation rule helpers', () => {
  it('describes each condition in words', () => {
    expect(DEFAULT_CONSULTATION_RULES.map((r) => conditionText(r.when))).toEqual([
      'Any of: Cavity; Miliary pattern',
      'A TB-suggestive finding in an applicant under 15',
      'The reader flagged the read “uncertain”',
      'A calibrated CAD score in the triage band on a normal read, or a CAD score below 25 % of the operating threshold on a TB finding. Uncalibrated scores never hold a report.',
    ]);
  });

  it('derives a valid, unique id from the name', () => {
    expect(ruleIdFor('Effusion in adults!', [])).toBe('effusion-in-adults');
    expect(ruleIdFor('Cavity or miliary', ['cavity-or-miliary'])).toBe('cavity-or-miliary-2');
    expect(ruleIdFor('  ', [])).toBe('rule');
  });

  it('replaces a rule in place or appends a new one', () => {
    const [a, b] = DEFAULT_CONSULTATION_RULES;
    const edited = { ...a!, enabled: false };
    expect(upsertRule([a!, b!], edited, a!.id)).toEqual([edited, b]);
    expect(upsertRule([a!], b!, null)).toEqual([a, b]);
  });
});
