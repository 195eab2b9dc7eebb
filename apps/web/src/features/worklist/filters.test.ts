import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FILTERS,
  activeSavedFilter,
  applySavedFilter,
  hasWorklistFilters,
  worklistFiltersFromParams,
  worklistFiltersToParams,
  worklistQuery,
} from './filters';

describe('worklist URL filters', () => {
  it('reads the defaults from an empty query', () => {
    expect(worklistFiltersFromParams(new URLSearchParams())).toEqual(DEFAULT_FILTERS);
  });

  it('round-trips through the URL, leaving defaults out', () => {
    const filters = {
      ...DEFAULT_FILTERS,
      state: 'queued' as const,
      priority: 'stat' as const,
      mine: true,
      overdue: true,
      q: 'DOE',
      sort: 'arrived' as const,
    };
    const params = worklistFiltersToParams(filters);
    expect(params.toString()).toBe(
      'state=queued&priority=stat&mine=true&overdue=true&q=DOE&sort=arrived',
    );
    expect(worklistFiltersFromParams(params)).toEqual(filters);
    expect(worklistFiltersToParams(DEFAULT_FILTERS).toString()).toBe('');
  });

  it('ignores invalid values', () => {
    const f = worklistFiltersFromParams(
      new URLSearchParams('state=bogus&priority=high&mine=1&sort=size&q=%20%20x%20'),
    );
    expect(f).toEqual({ ...DEFAULT_FILTERS, q: 'x' });
  });

  it('builds the API query', () => {
    expect(worklistQuery({ ...DEFAULT_FILTERS, overdue: true })).toEqual({
      state: 'open',
      priority: undefined,
      mine: undefined,
      overdue: 'true',
      q: undefined,
      sort: 'due',
    });
  });

  it("limits the completed view to today's completions", () => {
    const now = new Date(2026, 2, 4, 15, 30);
    expect(worklistQuery({ ...DEFAULT_FILTERS, state: 'completed' }, now).completedSince).toBe(
      new Date(2026, 2, 4).toISOString(),
    );
    expect(worklistQuery(DEFAULT_FILTERS, now)).not.toHaveProperty('completedSince');
  });

  it('knows when the view is narrowed', () => {
    expect(hasWorklistFilters(DEFAULT_FILTERS)).toBe(false);
    expect(hasWorklistFilters({ ...DEFAULT_FILTERS, sort: 'patient' })).toBe(false);
    expect(hasWorklistFilters({ ...DEFAULT_FILTERS, q: 'x' })).toBe(true);
    expect(hasWorklistFilters({ ...DEFAULT_FILTERS, state: 'all' })).toBe(true);
  });
});

describe('saved filters', () => {
  it('applies a saved filter, keeping search and sort', () => {
    const start = { ...DEFAULT_FILTERS, q: 'ABC', sort: 'clinic' as const, overdue: true };
    const stat = applySavedFilter(start, 'stat');
    expect(stat).toEqual({ ...DEFAULT_FILTERS, q: 'ABC', sort: 'clinic', priority: 'stat' });
    expect(activeSavedFilter(stat)).toBe('stat');
  });

  it('recognises each saved filter and none for a custom view', () => {
    expect(activeSavedFilter(DEFAULT_FILTERS)).toBe('open');
    expect(activeSavedFilter(applySavedFilter(DEFAULT_FILTERS, 'mine'))).toBe('mine');
    expect(activeSavedFilter(applySavedFilter(DEFAULT_FILTERS, 'overdue'))).toBe('overdue');
    expect(activeSavedFilter({ ...DEFAULT_FILTERS, state: 'completed' })).toBe('today');
    expect(activeSavedFilter({ ...DEFAULT_FILTERS, state: 'all' })).toBeNull();
    expect(activeSavedFilter({ ...DEFAULT_FILTERS, mine: true, priority: 'stat' })).toBeNull();
  });
});
