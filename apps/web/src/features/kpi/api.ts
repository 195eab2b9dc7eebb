import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { KpiDashboard, KpiDrillQuery, KpiFilters, KpiStudyList } from '@telerad/contracts';
import { api } from '../../app/api';

/** The filters as the page holds them: unset ones are left out of the query string. */
export type FilterState = Partial<Omit<KpiFilters, 'targetMinutes'>> & { targetMinutes: number };

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The filters a visit starts with (and "Clear filters" returns to): the last 30 UTC days, 60 minutes. */
export function defaultFilters(now: Date = new Date()): FilterState {
  return {
    from: isoDay(new Date(now.getTime() - 29 * 86_400_000)),
    to: isoDay(now),
    targetMinutes: 60,
  };
}

/** A drill-down: the panel and the figure's coordinates (and any narrower filter), over the page's filters. */
export type Drill = Partial<KpiDrillQuery> & { title: string };

const query = (o: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(o)
      .filter(([k, v]) => v !== undefined && v !== null && v !== '' && k !== 'title')
      .map(([k, v]) => [k, String(v)]),
  );

/** Every panel for the filters; the previous figures stay while new ones load. */
export function useKpi(filters: FilterState) {
  return useQuery({
    queryKey: ['kpi', filters],
    queryFn: ({ signal }) => api.get<KpiDashboard>('/api/kpi', query(filters), signal),
    placeholderData: keepPreviousData,
  });
}

/** The studies behind one figure, when one is chosen. */
export function useKpiStudies(filters: FilterState, drill: Drill | null) {
  return useQuery({
    queryKey: ['kpi', 'studies', filters, drill],
    queryFn: ({ signal }) =>
      api.get<KpiStudyList>('/api/kpi/studies', query({ ...filters, ...drill }), signal),
    enabled: drill !== null,
  });
}

/** An export's address for the filters (the browser downloads it with the session cookie). */
export function exportHref(kind: 'csv' | 'pdf', filters: FilterState): string {
  return `/api/kpi/export.${kind}?${new URLSearchParams(query(filters)).toString()}`;
}
