import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CadAeTitles,
  CadAeTitlesSet,
  CadForward,
  CadForwardTargetSet,
  CadForwardTestResult,
  CadIntegrationSummary,
} from '@telerad/contracts';
import { api } from '../../../app/api';

const KEY = ['cad', 'integrations'] as const;

/** The CAD integrations with their forward targets and forwarded images by state. */
export function useCadIntegrations() {
  return useQuery({
    queryKey: KEY,
    queryFn: async () =>
      (await api.get<{ integrations: CadIntegrationSummary[] }>('/api/cad/integrations'))
        .integrations,
  });
}

/** Integration `id`'s failed forwards, the latest first, with their last error. */
export function useFailedForwards(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...KEY, id, 'failed'],
    enabled,
    queryFn: async () =>
      (
        await api.get<{ forwards: CadForward[] }>(`/api/cad/integrations/${id}/forwards`, {
          state: 'failed',
          limit: 20,
        })
      ).forwards,
  });
}

/** Sets, clears and tests a forward target, and retries failed forwards; the list refreshes. */
export function useCadForwardActions() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: KEY });
  return {
    set: useMutation({
      mutationFn: ({ id, body }: { id: string; body: CadForwardTargetSet }) =>
        api.put(`/api/cad/integrations/${id}/forward`, body),
      onSuccess: refresh,
    }),
    clear: useMutation({
      mutationFn: (id: string) => api.delete(`/api/cad/integrations/${id}/forward`),
      onSuccess: refresh,
    }),
    test: useMutation({
      mutationFn: (id: string) =>
        api.post<CadForwardTestResult>(`/api/cad/integrations/${id}/forward/test`),
    }),
    retry: useMutation({
      mutationFn: (id: string) =>
        api.post<{ retried: number; sent: number }>(`/api/cad/integrations/${id}/forwards/retry`),
      onSuccess: refresh,
    }),
  };
}

/** Sets the calling AE titles an integration sends its results back from; the list refreshes. */
export function useCadAeTitles() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: CadAeTitlesSet }) =>
      api.put<CadAeTitles>(`/api/cad/integrations/${id}/ae-titles`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}
