import { useQuery } from '@tanstack/react-query';
import type { DigestPreview } from '@telerad/contracts';
import { api } from '../../app/api';

/** A clinic's daily summary e-mail as it would be sent now (fetched only while `enabled`). */
export function useDigestPreview(clinicId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['digest-preview', clinicId],
    queryFn: ({ signal }) =>
      api.get<DigestPreview>(
        `/api/clinics/${encodeURIComponent(clinicId)}/digest`,
        undefined,
        signal,
      ),
    enabled,
  });
}
