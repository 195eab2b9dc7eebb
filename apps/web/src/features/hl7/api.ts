import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Hl7SenderList, Hl7SendersUpdate } from '@telerad/contracts';
import { api } from '../../app/api';

const key = (clinicId: string) => ['hl7Senders', clinicId] as const;
const path = (clinicId: string) => `/api/clinics/${encodeURIComponent(clinicId)}/hl7-senders`;

/** The HL7 v2 systems that send a clinic's orders. */
export function useHl7Senders(clinicId: string) {
  return useQuery({
    queryKey: key(clinicId),
    queryFn: ({ signal }) => api.get<Hl7SenderList>(path(clinicId), undefined, signal),
  });
}

/** Replaces the clinic's list of senders. */
export function useSaveHl7Senders(clinicId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Hl7SendersUpdate) => api.put<Hl7SenderList>(path(clinicId), body),
    onSuccess: (saved) => qc.setQueryData(key(clinicId), saved),
  });
}
