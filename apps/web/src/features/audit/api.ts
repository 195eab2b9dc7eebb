import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { AuditClinic, AuditEvent } from '@telerad/contracts';
import { api } from '../../app/api';

/** Filters of the audit search, as the form holds them (empty string: no filter). */
export interface AuditFilters {
  actor: string;
  action: string;
  resourceId: string;
  clinicId: string;
  outcome: string;
  from: string;
  to: string;
  /** Leave out list refreshes by open pages (still recorded). */
  hideRefreshes: boolean;
}

/** No filter at all. */
export const NO_FILTERS: AuditFilters = {
  actor: '',
  action: '',
  resourceId: '',
  clinicId: '',
  outcome: '',
  from: '',
  to: '',
  hideRefreshes: true,
};

const PAGE_SIZE = 100;

/** A `datetime-local` value as an ISO instant with offset, or undefined. */
function toIso(local: string): string | undefined {
  if (!local) return undefined;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** Audit events matching `filters`, newest first, a page at a time ("load more"). */
export function useAuditEvents(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit', filters],
    initialPageParam: null as number | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<{ events: AuditEvent[]; nextBefore: number | null }>(
        '/api/audit',
        {
          actor: filters.actor.trim(),
          action: filters.action.trim(),
          resourceId: filters.resourceId.trim(),
          clinicId: filters.clinicId,
          outcome: filters.outcome,
          from: toIso(filters.from),
          to: toIso(filters.to),
          limit: PAGE_SIZE,
          before: pageParam,
          refreshes: filters.hideRefreshes ? 'hide' : 'show',
        },
        signal,
      ),
    getNextPageParam: (last) => last.nextBefore,
    staleTime: 0,
  });
}

/** Every clinic by name, for the clinic filter (an auditor may read these without clinics:read). */
export function useAuditClinics() {
  return useQuery({
    queryKey: ['audit', 'clinics'],
    queryFn: ({ signal }) => api.get<AuditClinic[]>('/api/audit/clinics', {}, signal),
    staleTime: 5 * 60_000,
  });
}
