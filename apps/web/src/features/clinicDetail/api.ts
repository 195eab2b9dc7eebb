import { useQuery } from '@tanstack/react-query';
import type {
  ClinicDirectoryAnswer,
  ClinicOverview,
  ClinicTraffic,
  IncidentListAnswer,
} from '@telerad/contracts';
import { api } from '../../app/api';

const e = encodeURIComponent;
const KEY = ['clinicDetail'] as const;

/** Support → Clinics: every clinic in scope, refreshed every minute (last image, incidents). */
export function useClinicDirectory() {
  return useQuery({
    queryKey: [...KEY, 'directory'],
    queryFn: ({ signal }) =>
      api.get<ClinicDirectoryAnswer>('/api/clinic-directory', undefined, signal),
    refetchInterval: 60_000,
  });
}

/** A clinic's header: who it is, its contacts and doors, the last object it sent. */
export function useClinicOverview(id: string) {
  return useQuery({
    queryKey: [...KEY, 'overview', id],
    queryFn: ({ signal }) =>
      api.get<ClinicOverview>(`/api/clinics/${e(id)}/overview`, undefined, signal),
    refetchInterval: 60_000,
  });
}

/** A clinic's studies per day and door over 14 days, and its latest studies (an audited read). */
export function useClinicTraffic(id: string) {
  return useQuery({
    queryKey: [...KEY, 'traffic', id],
    queryFn: ({ signal }) =>
      api.get<ClinicTraffic>(`/api/clinics/${e(id)}/traffic`, undefined, signal),
    refetchInterval: 60_000,
  });
}

/** The incidents still being worked on that name this clinic. */
export function useClinicIncidents(id: string) {
  return useQuery({
    queryKey: [...KEY, 'incidents', id],
    queryFn: ({ signal }) =>
      api.get<IncidentListAnswer>('/api/incidents', { clinicId: id, open: '1' }, signal),
  });
}
