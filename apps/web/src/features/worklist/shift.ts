import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { WORKLIST_KEY } from './api';

/** Body and answer of `/api/me/shift` (contracts `ShiftBody`). */
interface Shift {
  onShift: boolean;
}

const SHIFT_KEY = ['me', 'shift'] as const;

/** Whether the signed-in reader is on shift (readers only: the route needs worklist:claim). */
export function useShift(enabled: boolean) {
  return useQuery({
    queryKey: SHIFT_KEY,
    queryFn: () => api.get<Shift>('/api/me/shift'),
    enabled,
    staleTime: 60_000,
  });
}

/** Marks the reader on or off shift; push-mode centres may hand them tasks at once. */
export function useSetShift() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (onShift: boolean) => api.put<Shift>('/api/me/shift', { onShift }),
    onSuccess: (saved) => {
      qc.setQueryData(SHIFT_KEY, saved);
      void qc.invalidateQueries({ queryKey: WORKLIST_KEY });
    },
  });
}
