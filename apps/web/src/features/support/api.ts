import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Delivery, DeliveryPage, DeliveryState } from '@telerad/contracts';
import { api } from '../../app/api';

const KEY = ['deliveries'] as const;

/**
 * What the deliveries list shows: a delivery state, or `not_opened`: portal deliveries the clinic
 * has not opened yet, longest waiting first.
 */
export type DeliveryFilter = DeliveryState | 'not_opened' | null;

/**
 * Report deliveries, failed first; `filter` narrows the list, `clinic` to one clinic's latest
 * `limit` (its page). Refreshed every 15 s.
 */
export function useDeliveries(filter: DeliveryFilter, clinic?: { id: string; limit: number }) {
  return useQuery({
    queryKey: [...KEY, filter, clinic ?? null],
    queryFn: ({ signal }) =>
      api.get<DeliveryPage>(
        '/api/deliveries',
        {
          limit: clinic?.limit ?? 200,
          clinicId: clinic?.id,
          opened: filter === 'not_opened' ? 'no' : undefined,
          state: filter && filter !== 'not_opened' ? filter : undefined,
        },
        signal,
      ),
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
