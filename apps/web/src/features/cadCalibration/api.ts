import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  CadCalibration,
  CadCalibrationQuery,
  CadCalibrationReads,
  CadCalibrationReadsQuery,
  CadProduct,
} from '@telerad/contracts';
import { api } from '../../app/api';

/** The page's choices: unset ones are left out of the query string. */
export type CalibrationFilters = Partial<CadCalibrationQuery>;

/** A drill-down: the figure's own conditions over the page's choices, and its title. */
export type CadDrill = Partial<Omit<CadCalibrationReadsQuery, 'page'>> & { title: string };

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** What a visit starts with: the last 365 UTC days and the general programme. */
export function defaultCalibrationFilters(now: Date = new Date()): CalibrationFilters {
  return {
    from: isoDay(new Date(now.getTime() - 364 * 86_400_000)),
    to: isoDay(now),
    programme: 'GENERAL',
  };
}

const query = (o: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(o)
      .filter(([k, v]) => v !== undefined && v !== null && v !== '' && k !== 'title')
      .map(([k, v]) => [k, String(v)]),
  );

/** The registered product versions, for the version choice. */
export function useCadProducts() {
  return useQuery({
    queryKey: ['cad', 'products'],
    queryFn: ({ signal }) =>
      api.get<{ products: CadProduct[] }>('/api/cad/products', undefined, signal),
  });
}

/** The calibration of the chosen version and programme; nothing until a version is chosen. */
export function useCadCalibration(f: CalibrationFilters) {
  return useQuery({
    queryKey: ['kpi', 'cad', f],
    queryFn: ({ signal }) => api.get<CadCalibration>('/api/kpi/cad', query(f), signal),
    enabled: Boolean(f.productId && f.programme),
    placeholderData: keepPreviousData,
  });
}

/** One page of the studies behind a figure, when one is chosen. */
export function useCadReads(f: CalibrationFilters, drill: CadDrill | null, page: number) {
  return useQuery({
    queryKey: ['kpi', 'cad', 'reads', f, drill, page],
    queryFn: ({ signal }) =>
      api.get<CadCalibrationReads>('/api/kpi/cad/reads', query({ ...f, ...drill, page }), signal),
    enabled: drill !== null,
    placeholderData: keepPreviousData,
  });
}
