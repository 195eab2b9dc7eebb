import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ClinicWebhook } from '@telerad/contracts';
import { api } from '../../../app/api';

const key = (clinicId: string) => ['clinics', clinicId, 'webhook'] as const;

/** A clinic's webhook of released reports (admin). */
export function useClinicWebhook(clinicId: string, enabled = true) {
  return useQuery({
    queryKey: key(clinicId),
    queryFn: () => api.get<ClinicWebhook>(`/api/clinics/${clinicId}/webhook`),
    enabled,
  });
}

/** Sets or clears the URL; the answer carries the secret once when it was generated. */
export function useSaveClinicWebhook(clinicId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (url: string | null) =>
      api.put<ClinicWebhook>(`/api/clinics/${clinicId}/webhook`, { url }),
    onSuccess: (w) => qc.setQueryData(key(clinicId), { ...w, secret: undefined }),
  });
}

/** Rotates the secret; the answer carries the new one, shown once. */
export function useRotateWebhookSecret(clinicId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<ClinicWebhook>(`/api/clinics/${clinicId}/webhook/secret`),
    onSuccess: (w) => qc.setQueryData(key(clinicId), { ...w, secret: undefined }),
  });
}
