import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Centre, CentreCreate, CentreUpdate } from '@telerad/contracts';
import { api } from '../../../app/api';

const KEY = ['centres'] as const;

/** All reading centres. */
export function useCentres() {
  return useQuery({ queryKey: KEY, queryFn: () => api.get<Centre[]>('/api/centres') });
}

/** Creates a centre (`id` null) or updates one. */
export function useSaveCentre() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: CentreCreate | CentreUpdate }) =>
      id === null
        ? api.post<Centre>('/api/centres', body)
        : api.patch<Centre>(`/api/centres/${id}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}
