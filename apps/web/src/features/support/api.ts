import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Delivery, DeliveryPage, DeliveryState } from '@telerad/contracts';
import { api } from '../../app/api';

const KEY = ['deliveries'] as const;

/** Report deliveries, failed first; `state` narrows the list. Refreshed every 15 s. */
export function useDeliveries(state: DeliveryState | null) {
  return useQuery({
    queryKey: [...KEY, state],
    queryFn: () =>
      api.get<DeliveryPage>(`/api/deliveries?limit=200${state ? `&state=${state}` : ''}`),
    refetchInterval: 15_000,
  });
}

/** Retries one delivery now; the answer is the delivery after that attempt. */
export function useRetryDelivery() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Delivery>(`/api/deliveries/${id}/retry`),
    onSettled: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}
