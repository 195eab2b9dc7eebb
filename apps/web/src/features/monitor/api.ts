import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AlertSweepResult,
  ClinicHistory,
  RefusalDoor,
  NetworkOverview,
  RefusalPage,
} from '@telerad/contracts';
import { api } from '../../app/api';

const KEY = ['monitor'] as const;

/** Every clinic's link. Refreshed every 15 s, so an alert shows without a reload. */
export function useNetwork() {
  return useQuery({
    queryKey: [...KEY, 'network'],
    queryFn: () => api.get<NetworkOverview>('/api/monitor/network'),
    refetchInterval: 15_000,
  });
}

/** The refusals feed's filters. */
export interface RefusalFilter {
  clinicId?: string;
  door?: RefusalDoor;
  code?: string;
  remoteAddress?: string;
}

/** Refusals, newest first (the 200 latest rows matching the filter). Refreshed every 30 s. */
export function useRefusals(filter: RefusalFilter) {
  const params = new URLSearchParams({ limit: '200' });
  for (const [k, v] of Object.entries(filter)) if (v) params.set(k, v);
  return useQuery({
    queryKey: [...KEY, 'refusals', filter],
    queryFn: () => api.get<RefusalPage>(`/api/monitor/refusals?${params.toString()}`),
    refetchInterval: 30_000,
  });
}

/** A clinic's last 7 days, hour by hour. */
export function useClinicHistory(clinicId: string) {
  return useQuery({
    queryKey: [...KEY, 'history', clinicId],
    queryFn: () => api.get<ClinicHistory>(`/api/monitor/clinics/${clinicId}/history`),
    refetchInterval: 60_000,
  });
}

/** Runs the alert rules now; the table refreshes with what they found. */
export function useCheckAlerts() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<AlertSweepResult>('/api/monitor/alerts/check'),
    onSettled: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}
