import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GatewayEnrolmentCode, GatewayList, GatewaySummary } from '@telerad/contracts';
import { api } from '../../app/api';

const key = (clinicId: string) => ['gateways', clinicId] as const;

/**
 * A clinic's gateways. Refreshed every 30 s while shown, so "online" and "silent since" follow
 * the heartbeats without a reload.
 */
export function useClinicGateways(clinicId: string) {
  return useQuery({
    queryKey: key(clinicId),
    queryFn: () => api.get<GatewayList>('/api/gateways', { clinicId }),
    refetchInterval: 30_000,
  });
}

/** Adds a gateway; the answer carries its one-time enrolment code. */
export function useAddGateway(clinicId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      api.post<GatewayEnrolmentCode>(`/api/clinics/${clinicId}/gateways`, { name }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(clinicId) }),
  });
}

/** A new enrolment code for a gateway (the gateway re-enrols with it). */
export function useRotateGateway(clinicId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<GatewayEnrolmentCode>(`/api/gateways/${id}/rotate`),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(clinicId) }),
  });
}

/** Revokes a gateway: its token stops working at once. */
export function useRevokeGateway(clinicId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<GatewaySummary>(`/api/gateways/${id}/revoke`),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(clinicId) }),
  });
}
