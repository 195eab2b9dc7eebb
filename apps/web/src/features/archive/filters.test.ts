import { describe, expect, it } from 'vitest';
import { NO_FILTERS, filtersFromParams, filtersToParams, hasFilters } from './filters';

describe('study filters in the URL', () => {
  it('round-trips through the query string, dropping empty and unknown parameters', () => {
    const filters = { ...NO_FILTERS, q: 'KHAN', from: '2025-01-01', modality: 'DX' };
    const params = filtersToParams(filters);
    expect(params.toString()).toBe('q=KHAN&from=2025-01-01&modality=DX');
    params.set('tab', 'tags');
    expect(filtersFromParams(params)).toEqual(filters);
  });
  it('knows when any filter is set', () => {
    expect(hasFilters(NO_FILTERS)).toBe(false);
    expect(hasFilters({ ...NO_FILTERS, clinicId: 'x' })).toBe(true);
  });
});
