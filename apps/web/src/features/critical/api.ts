import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CriticalResult, CriticalResultList } from '@telerad/contracts';
import { api } from '../../app/api';
import { NOTIFICATIONS_KEY } from '../notifications/api';
import { REPORTS_KEY } from '../reports/api';

/**
 * Under the notifications key: a live notification (a new critical alert) refetches the open
 * alerts with the bell, so the banner appears without a reload.
 */
export const CRITICAL_KEY = [...NOTIFICATIONS_KEY, 'critical'] as const;

/** The open critical alerts of the signed-in clinic user's clinics. */
export function useOpenCriticalResults(enabled: boolean) {
  return useQuery({
    queryKey: CRITICAL_KEY,
    queryFn: ({ signal }) =>
      api.get<CriticalResultList>('/api/critical-results', { state: 'open' }, signal),
    enabled,
    // No timed refresh (each read is audited): a new alert's live notification refetches it, and
    // so does coming back to the window.
    refetchOnWindowFocus: true,
  });
}

/** Acknowledges an alert as the signed-in user. */
export function useAcknowledgeCritical() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.post<CriticalResult>(`/api/critical-results/${encodeURIComponent(id)}/acknowledge`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: CRITICAL_KEY });
      void qc.invalidateQueries({ queryKey: REPORTS_KEY });
    },
  });
}
