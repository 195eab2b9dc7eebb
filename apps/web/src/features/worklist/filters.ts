import { PRIORITIES, WORKLIST_SORTS, type Priority } from '@telerad/contracts';

/**
 * The worklist's filters. They live in the URL query string so that a reload or a shared link
 * keeps them; names match `GET /api/worklist` (WorklistQuery).
 */

/** States the worklist can show; `open` is waiting, queued and in progress together. */
export const WORKLIST_STATES = [
  'open',
  'waiting',
  'queued',
  'in_progress',
  'completed',
  'all',
] as const;

/** One state filter. */
export type WorklistStateFilter = (typeof WORKLIST_STATES)[number];

/** One sort key. */
export type WorklistSort = (typeof WORKLIST_SORTS)[number];

/** The worklist's filters; `null` or `false`: not filtered. */
export interface WorklistFilters {
  state: WorklistStateFilter;
  priority: Priority | null;
  mine: boolean;
  overdue: boolean;
  q: string;
  sort: WorklistSort;
}

/** The default view: every open task, the one due soonest first. */
export const DEFAULT_FILTERS: WorklistFilters = {
  state: 'open',
  priority: null,
  mine: false,
  overdue: false,
  q: '',
  sort: 'due',
};

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;
}

/** Reads the filters from a URL query string; unknown or invalid values fall back to defaults. */
export function worklistFiltersFromParams(params: URLSearchParams): WorklistFilters {
  return {
    state: oneOf(WORKLIST_STATES, params.get('state')) ?? DEFAULT_FILTERS.state,
    priority: oneOf(PRIORITIES, params.get('priority')),
    mine: params.get('mine') === 'true',
    overdue: params.get('overdue') === 'true',
    q: params.get('q')?.trim().slice(0, 64) ?? '',
    sort: oneOf(WORKLIST_SORTS, params.get('sort')) ?? DEFAULT_FILTERS.sort,
  };
}

/** The URL query string of `filters`, leaving out defaults so the plain URL is the plain view. */
export function worklistFiltersToParams(filters: WorklistFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.state !== DEFAULT_FILTERS.state) params.set('state', filters.state);
  if (filters.priority) params.set('priority', filters.priority);
  if (filters.mine) params.set('mine', 'true');
  if (filters.overdue) params.set('overdue', 'true');
  const q = filters.q.trim();
  if (q) params.set('q', q);
  if (filters.sort !== DEFAULT_FILTERS.sort) params.set('sort', filters.sort);
  return params;
}

/** Local midnight of `now`'s day, as an ISO instant. */
export function startOfLocalDay(now: Date): string {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.toISOString();
}

/**
 * The query of `GET /api/worklist` for `filters` (absent keys are left out by the client). The
 * completed view shows today's completions (since local midnight), with their turnaround.
 */
export function worklistQuery(
  filters: WorklistFilters,
  now: Date = new Date(),
): Record<string, string | undefined> {
  return {
    state: filters.state,
    ...(filters.state === 'completed' ? { completedSince: startOfLocalDay(now) } : {}),
    priority: filters.priority ?? undefined,
    mine: filters.mine ? 'true' : undefined,
    overdue: filters.overdue ? 'true' : undefined,
    q: filters.q.trim() || undefined,
    sort: filters.sort,
  };
}

/** True when anything narrows the default view (the sort does not). */
export function hasWorklistFilters(filters: WorklistFilters): boolean {
  return (
    filters.state !== DEFAULT_FILTERS.state ||
    filters.priority !== null ||
    filters.mine ||
    filters.overdue ||
    filters.q.trim() !== ''
  );
}

/** Identifiers of the saved-filter buttons. */
export type SavedFilterId = 'open' | 'mine' | 'stat' | 'overdue' | 'today';

/** One saved filter: a quick button that replaces the filters (keeping search and sort). */
export interface SavedFilter {
  id: SavedFilterId;
  filters: Pick<WorklistFilters, 'state' | 'priority' | 'mine' | 'overdue'>;
}

/** The saved filters, in button order. */
export const SAVED_FILTERS: readonly SavedFilter[] = [
  { id: 'open', filters: { state: 'open', priority: null, mine: false, overdue: false } },
  { id: 'mine', filters: { state: 'open', priority: null, mine: true, overdue: false } },
  { id: 'stat', filters: { state: 'open', priority: 'stat', mine: false, overdue: false } },
  { id: 'overdue', filters: { state: 'open', priority: null, mine: false, overdue: true } },
  { id: 'today', filters: { state: 'completed', priority: null, mine: false, overdue: false } },
];

/** `filters` with a saved filter applied; the search text and sort stay. */
export function applySavedFilter(filters: WorklistFilters, id: SavedFilterId): WorklistFilters {
  const saved = SAVED_FILTERS.find((f) => f.id === id);
  return saved ? { ...filters, ...saved.filters } : filters;
}

/** The saved filter the current filters match exactly (search and sort aside), or null. */
export function activeSavedFilter(filters: WorklistFilters): SavedFilterId | null {
  const match = SAVED_FILTERS.find(
    (f) =>
      f.filters.state === filters.state &&
      f.filters.priority === filters.priority &&
      f.filters.mine === filters.mine &&
      f.filters.overdue === filters.overdue,
  );
  return match?.id ?? null;
}
