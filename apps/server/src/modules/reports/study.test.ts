import { describe, expect, it } from 'vitest';
import { ageAtStudy, formChoices } from './study';

describe('ageAtStudy', () => {
  it('counts whole years at the study date, the day before a birthday still the younger age', () => {
    expect(ageAtStudy('2011-03-05', '2026-03-04')).toBe(14);
    expect(ageAtStudy('2011-03-04', '2026-03-04')).toBe(15);
  });
  it('is unknown without both dates', () => {
    expect(ageAtStudy(null, '2026-03-04')).toBeNull();
    expect(ageAtStudy('2011-03-04', null)).toBeNull();
  });
});

describe('formChoices', () => {
  it('offers one form per programme form, in the clinic’s programme order', () => {
    expect(formChoices(['UK', 'US']).map((c) => [c.id, c.programme])).toEqual([
      ['uk-uktbti', 'UK'],
      ['us-ds3030', 'US'],
    ]);
    // Canada, Australia/NZ and Japan share the generic graded form: offered once.
    expect(formChoices(['CA', 'AUNZ', 'JP']).map((c) => c.id)).toEqual(['generic-graded']);
  });
  it('falls back to the generic form when no programme is known', () => {
    expect(formChoices(['XX']).map((c) => c.id)).toEqual(['generic-graded']);
  });
});
