import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Order,
  OrderCreate,
  OrderDuplicates,
  OrderImport,
  OrderImportResult,
  OrderList,
} from '@telerad/contracts';
import { api } from '../../app/api';

/** The query key of every order list: each write refreshes them. */
const ORDERS_KEY = ['orders'] as const;

/** Today's orders of one clinic, in the clinic's time zone. */
export function useTodaysOrders(clinicId: string | null) {
  return useQuery({
    queryKey: [...ORDERS_KEY, 'today', clinicId],
    queryFn: ({ signal }) => api.get<OrderList>('/api/orders', { clinicId: clinicId! }, signal),
    enabled: clinicId !== null,
  });
}

/** What the form has typed so far that the duplicate check can use. */
export interface DuplicateProbe {
  patientId: string;
  familyName: string;
  birthDate: string;
}

/**
 * Applicants the clinic registered recently with the same ID, or name and birth date. The
 * caller debounces the probe; nothing is asked until an ID or a name with a birth date is there.
 */
export function useDuplicates(clinicId: string | null, probe: DuplicateProbe) {
  const query = Object.fromEntries(Object.entries(probe).filter(([, v]) => v.trim() !== ''));
  const ready = Boolean(query.patientId || (query.familyName && query.birthDate));
  return useQuery({
    queryKey: [...ORDERS_KEY, 'duplicates', clinicId, query],
    queryFn: ({ signal }) =>
      api.get<OrderDuplicates>(`/api/clinics/${clinicId}/orders/duplicates`, query, signal),
    enabled: clinicId !== null && ready,
    placeholderData: (previous) => (ready ? previous : undefined),
  });
}

function useOrderMutation<A, R>(fn: (args: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => qc.invalidateQueries({ queryKey: ORDERS_KEY }),
  });
}

/** Registers one applicant at the clinic. */
export function useRegisterOrder(clinicId: string | null) {
  return useOrderMutation((body: OrderCreate) =>
    api.post<Order>(`/api/clinics/${clinicId}/orders`, body),
  );
}

/** Cancels an order with the reason. */
export function useCancelOrder() {
  return useOrderMutation(({ id, reason }: { id: string; reason: string }) =>
    api.post<Order>(`/api/orders/${id}/cancel`, { reason }),
  );
}

/** Imports (or previews, with `dryRun`) a CSV order list. */
export function useImportOrders(clinicId: string | null) {
  return useOrderMutation((body: OrderImport) =>
    api.post<OrderImportResult>(`/api/clinics/${clinicId}/orders/import`, body),
  );
}
