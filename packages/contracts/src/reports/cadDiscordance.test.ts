import { describe, expect, it } from 'vitest';
import {
  cadAbnormality,
  cadDiscordance,
  cadDiscordanceText,
  DEFAULT_CAD_DISCORDANCE,
  type CadReadFacts,
} from './cadDiscordance';
import {
  ConsultationRules,
  DEFAULT_CONSULTATION_RULES,
  matchConsultationRules,
} from './consultation';
import { ReportContent } from './content';

// A 0–100 product, higher more abnormal, operating 50: abnormality 0.5 at the threshold.
const facts = (over: Partial<CadReadFacts> = {}): CadReadFacts => ({
  score: 91,
  band: 'triage',
  abnormality: 0.91,
  operatingAbnormality: 0.5,
  category: 'normal',
  ...over,
});

describe('CAD–reader discordance', () => {
  it('places a score on the 0–1 abnormality scale whichever way the product counts', () => {
    expect(cadAbnormality(91, { min: 0, max: 100, higherIsAbnormal: true })).toBeCloseTo(0.91);
    expect(cadAbnormality(0.2, { min: 0, max: 1, higherIsAbnormal: false })).toBeCloseTo(0.8);
    expect(cadAbnormality(-5, { min: -10, max: 10, higherIsAbnormal: true })).toBeCloseTo(0.25);
  });

  it('finds a high score on a normal read, at the chosen band', () => {
    expect(cadDiscordance(DEFAULT_CAD_DISCORDANCE, facts())).toBe('high_on_normal');
    const abnormal = facts({ band: 'abnormal', score: 60, abnormality: 0.6 });
    expect(cadDiscordance(DEFAULT_CAD_DISCORDANCE, abnormal)).toBeNull();
    expect(cadDiscordance({ highBand: 'abnormal', lowFraction: 0.25 }, abnormal)).toBe(
      'high_on_normal',
    );
    expect(cadDiscordance(DEFAULT_CAD_DISCORDANCE, facts({ category: 'abnormal' }))).toBeNull();
    expect(cadDiscordance(DEFAULT_CAD_DISCORDANCE, facts({ category: 'tb' }))).toBeNull();
  });

  it('finds a very low score on a TB read, below the fraction of operating', () => {
    const low = (abnormality: number) =>
      facts({ band: 'low', score: abnormality * 100, abnormality, category: 'tb' });
    expect(cadDiscordance(DEFAULT_CAD_DISCORDANCE, low(0.1))).toBe('low_on_tb');
    // 0.125 is exactly a quarter of 0.5: not below it.
    expect(cadDiscordance(DEFAULT_CAD_DISCORDANCE, low(0.125))).toBeNull();
    expect(cadDiscordance({ highBand: 'triage', lowFraction: 0 }, low(0))).toBeNull();
    expect(cadDiscordance(DEFAULT_CAD_DISCORDANCE, { ...low(0.1), category: 'normal' })).toBeNull();
  });

  it('never finds an uncalibrated score discordant, however high or low', () => {
    const u = { band: 'uncalibrated', operatingAbnormality: null } as const;
    expect(cadDiscordance(DEFAULT_CAD_DISCORDANCE, facts({ ...u, abnormality: 0.99 }))).toBeNull();
    expect(
      cadDiscordance(DEFAULT_CAD_DISCORDANCE, facts({ ...u, abnormality: 0, category: 'tb' })),
    ).toBeNull();
  });

  it('says it in plain words', () => {
    expect(cadDiscordanceText('high_on_normal', { score: 0.91, band: 'triage' })).toBe(
      'CAD 0.91 (triage) on a normal read',
    );
    expect(cadDiscordanceText('low_on_tb', { score: 3, band: 'low' })).toBe(
      'CAD 3 (very low) on a TB finding',
    );
  });

  it('is a consultation rule as data: on by default, matched only with CAD facts, off when disabled', () => {
    const content = ReportContent.parse({
      formId: 'us-ds3030',
      formVersion: '2026.1',
      result: 'normal',
      quality: { grade: 1, reasons: [] },
      comparison: 'no_prior',
      impression: 'Normal.',
    });
    const ids = (rules: ConsultationRules, cad: CadReadFacts | null) =>
      matchConsultationRules(rules, content, 40, cad).map((r) => r.id);
    expect(ids(DEFAULT_CONSULTATION_RULES, facts())).toEqual(['cad-discordance']);
    expect(ids(DEFAULT_CONSULTATION_RULES, null)).toEqual([]);
    const off = DEFAULT_CONSULTATION_RULES.map((r) => ({ ...r, enabled: false }));
    expect(ids(off, facts())).toEqual([]);
    // The parameters default when a stored rule leaves them out.
    const parsed = ConsultationRules.parse([
      { id: 'cad', name: 'CAD', when: { kind: 'cad_discordance' } },
    ]);
    expect(parsed[0]!.when).toEqual({ kind: 'cad_discordance', ...DEFAULT_CAD_DISCORDANCE });
    expect(() =>
      ConsultationRules.parse([
        { id: 'cad', name: 'CAD', when: { kind: 'cad_discordance', lowFraction: 2 } },
      ]),
    ).toThrow();
  });
});
