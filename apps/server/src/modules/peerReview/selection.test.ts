import { describe, expect, it } from 'vitest';
import { PILOT_REVIEW_PROGRAMME_ID } from '@telerad/contracts';
import { chooseForReview, seededDraw, type ActiveProgramme, type ReadFacts } from './selection';

const READER = '00000000-0000-4000-8000-000000000001';
const programme = (id: string, over: Partial<ActiveProgramme['rule']> = {}): ActiveProgramme => ({
  id,
  rule: {
    samplePercent: 0,
    discordantPercent: 0,
    targets: { abnormal: false, consultation: false, readerIds: [] },
    blind: false,
    ...over,
  },
});
const read = (over: Partial<ReadFacts> = {}): ReadFacts => ({
  reportId: 'r1',
  readerId: READER,
  abnormal: false,
  consulted: false,
  pilot: false,
  cadDiscordant: false,
  ...over,
});
const never = () => 0.99;
const always = () => 0;

describe('choosing reads for peer review', () => {
  it('draws CAD–reader discordant reads at the discordant rate, and says so', () => {
    const p = programme('p', { samplePercent: 5, discordantPercent: 50 });
    const at = (u: number) => () => u;
    // A draw of 0.3 is outside the 5 % random share but inside the 50 % discordant one.
    expect(chooseForReview([p], read({ cadDiscordant: true }), at(0.3))?.reason).toBe(
      'cad_discordant',
    );
    expect(chooseForReview([p], read(), at(0.3))).toBeNull();
    expect(chooseForReview([p], read({ cadDiscordant: true }), at(0.6))).toBeNull();
    // A concordant read keeps the random rate; a discordant one never falls below it.
    expect(chooseForReview([p], read(), at(0.01))?.reason).toBe('random');
    const low = programme('q', { samplePercent: 20, discordantPercent: 0 });
    expect(chooseForReview([low], read({ cadDiscordant: true }), at(0.1))?.reason).toBe('random');
  });

  it('takes targeted reads whatever the draw, naming the target', () => {
    const targeted = programme('p', {
      targets: { abnormal: true, consultation: true, readerIds: [READER] },
    });
    expect(chooseForReview([targeted], read({ abnormal: true }), never)?.reason).toBe('abnormal');
    expect(chooseForReview([targeted], read({ consulted: true }), never)?.reason).toBe(
      'consultation',
    );
    expect(chooseForReview([targeted], read(), never)?.reason).toBe('reader');
    expect(chooseForReview([programme('q')], read({ abnormal: true }), always)).toBeNull();
  });

  it('second-reads every pilot read under the pilot programme, before any other programme', () => {
    const all = programme('all', { samplePercent: 100 });
    expect(chooseForReview([all], read({ pilot: true }), never)).toEqual({
      programmeId: PILOT_REVIEW_PROGRAMME_ID,
      reason: 'pilot',
      blind: false,
    });
    expect(chooseForReview([], read({ pilot: true }), never)?.reason).toBe('pilot');
    expect(chooseForReview([], read(), always)).toBeNull();
  });

  it('samples at the percentage, and the first programme that chooses a read reviews it', () => {
    const ten = programme('ten', { samplePercent: 10, blind: true });
    expect(chooseForReview([ten], read(), () => 0.099)).toEqual({
      programmeId: 'ten',
      reason: 'random',
      blind: true,
    });
    expect(chooseForReview([ten], read(), () => 0.1)).toBeNull();
    const all = programme('all', { samplePercent: 100 });
    expect(chooseForReview([ten, all], read(), () => 0.5)?.programmeId).toBe('all');
  });

  it('draws the same number for the same seed, programme and read, and spreads them', () => {
    const a = seededDraw('s');
    expect(a('p', 'r1')).toBe(seededDraw('s')('p', 'r1'));
    expect(a('p', 'r1')).not.toBe(seededDraw('t')('p', 'r1'));
    const draws = Array.from({ length: 2000 }, (_, i) => a('p', `r${i}`));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const mean = draws.reduce((s, d) => s + d, 0) / draws.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});
