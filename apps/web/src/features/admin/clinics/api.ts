import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Clinic, ClinicCreate, ClinicUpdate } from '@telerad/contracts';
import { api } from '../../../app/api';

const KEY = ['clinics'] as const;

/** Clinics the user may see (a clinic user gets only their own). */
export function useClinics(enabled = true) {
  return useQuery({ queryKey: KEY, queryFn: () => api.get<Clinic[]>('/api/clinics'), enabled });
}

/** Creates a clinic (`id` null) or updates one. */
export function useSaveClinic() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: ClinicCreate | ClinicUpdate }) =>
      id === null
        ? api.post<Clinic>('/api/clinics', body)
        : api.patch<Clinic>(`/api/clinics/${id}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}
