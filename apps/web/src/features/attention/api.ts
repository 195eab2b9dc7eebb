import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AttentionPage,
  IdentityCorrection,
  IdentityCorrectionResult,
} from '@telerad/contracts';
import { api } from '../../app/api';

const KEY = ['attention'] as const;

/** Flagged studies, those waiting for an identity first; `clinicId` narrows. Every 30 s. */
export function useAttention(clinicId: string | null) {
  return useQuery({
    queryKey: [...KEY, clinicId],
    queryFn: () =>
      api.get<AttentionPage>('/api/attention', { limit: 200, ...(clinicId ? { clinicId } : {}) }),
    refetchInterval: 30_000,
  });
}

/** Records the applicant's identity for a study; the list then refreshes. */
export function useCorrectIdentity() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ studyUid, body }: { studyUid: string; body: IdentityCorrection }) =>
      api.post<IdentityCorrectionResult>(
        `/api/studies/${encodeURIComponent(studyUid)}/identity`,
        body,
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

/** Marks a study's flags as looked at, so it leaves the list until a new one is raised. */
export function useReviewFlags() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (studyUid: string) =>
      api.post<void>(`/api/studies/${encodeURIComponent(studyUid)}/attention/review`, {}),
    onSettled: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}
