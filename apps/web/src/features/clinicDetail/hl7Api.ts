import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Hl7Destination, Hl7DestinationInput, Hl7DestinationUpdate } from '@telerad/contracts';
import { api } from '../../app/api';

const key = (clinicId: string) => ['clinics', clinicId, 'hl7-destinations'] as const;

/** A clinic's HL7 result destinations (support reads, admins manage). */
export function useHl7Destinations(clinicId: string) {
  return useQuery({
    queryKey: key(clinicId),
    queryFn: () => api.get<Hl7Destination[]>(`/api/clinics/${clinicId}/hl7-destinations`),
  });
}

/** Registers, changes and removes destinations; the list is fetched again after each. */
export function useHl7DestinationActions(clinicId: string) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: key(clinicId) });
  return {
    create: useMutation({
      mutationFn: (body: Hl7DestinationInput) =>
        api.post<Hl7Destination>(`/api/clinics/${clinicId}/hl7-destinations`, body),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, patch }: { id: string; patch: Hl7DestinationUpdate }) =>
        api.patch<Hl7Destination>(`/api/hl7-destinations/${id}`, patch),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (id: string) => api.delete(`/api/hl7-destinations/${id}`),
      onSuccess: refresh,
    }),
  };
}
