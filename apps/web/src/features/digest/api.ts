import { useQuery } from '@tanstack/react-query';
import type { DigestPreview } from '@telerad/contracts';
import { api } from '../../app/api';

/**
 * A clinic's daily summary e-mail as it would be sent now (fetched only while `enabled`). The
 * server writes it in the reader's language, so the language is part of the key: switching it
 * fetches the summary again.
 */
export function useDigestPreview(clinicId: string, enabled: boolean, language: string) {
  return useQuery({
    queryKey: ['digest-preview', clinicId, language],
    queryFn: ({ signal }) =>
      api.get<DigestPreview>(
        `/api/clinics/${encodeURIComponent(clinicId)}/digest`,
        undefined,
        signal,
      ),
    enabled,
  });
}
