import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RoutingRules } from '@telerad/contracts';
import { api } from '../../../app/api';

const KEY = ['settings', 'routing'] as const;

/** The routing and SLA rules in force. */
export function useRoutingRules() {
  return useQuery({
    queryKey: KEY,
    queryFn: () => api.get<RoutingRules>('/api/settings/routing'),
  });
}

/** Saves the routing and SLA rules (administrators). */
export function useSaveRoutingRules() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (rules: RoutingRules) => api.put<RoutingRules>('/api/settings/routing', rules),
    onSuccess: (saved) => qc.setQueryData(KEY, saved),
  });
}
