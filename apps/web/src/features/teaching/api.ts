import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  NewTeachingSessionBody,
  TeachingFlagAnswer,
  TeachingFlagBody,
  TeachingFlagListAnswer,
  TeachingFlagStatus,
  TeachingSessionAnswer,
  TeachingSessionListAnswer,
} from '@telerad/contracts';
import { api } from '../../app/api';

const e = encodeURIComponent;
export const TEACHING_KEY = ['teaching'] as const;

/** The teaching viewer's WADO-RS root for one case (its de-identified copy). */
export const teachingCaseBase = (caseId: string) => `/api/teaching/cases/${e(caseId)}`;

/** Whether I have flagged this study, and my note. */
export function useMyFlag(studyUid: string, enabled: boolean) {
  return useQuery({
    queryKey: [...TEACHING_KEY, 'mine', studyUid],
    enabled,
    queryFn: ({ signal }) =>
      api.get<TeachingFlagStatus>('/api/teaching/flags/mine', { studyUid }, signal),
  });
}

/** Flagged cases for the session builder (QA). */
export function useFlags() {
  return useQuery({
    queryKey: [...TEACHING_KEY, 'flags'],
    queryFn: ({ signal }) =>
      api.get<TeachingFlagListAnswer>('/api/teaching/flags', undefined, signal),
  });
}

export function useSessions() {
  return useQuery({
    queryKey: [...TEACHING_KEY, 'sessions'],
    queryFn: ({ signal }) =>
      api.get<TeachingSessionListAnswer>('/api/teaching/sessions', undefined, signal),
  });
}

export function useSession(id: string) {
  return useQuery({
    queryKey: [...TEACHING_KEY, 'session', id],
    queryFn: ({ signal }) =>
      api.get<TeachingSessionAnswer>(`/api/teaching/sessions/${e(id)}`, undefined, signal),
  });
}

function useTeachingWrite<B, R>(call: (body: B) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => void qc.invalidateQueries({ queryKey: TEACHING_KEY }),
  });
}

export const useFlagCase = () =>
  useTeachingWrite((body: TeachingFlagBody) =>
    api.post<TeachingFlagAnswer>('/api/teaching/flags', body),
  );

export const useCreateSession = () =>
  useTeachingWrite((body: NewTeachingSessionBody) =>
    api.post<TeachingSessionAnswer>('/api/teaching/sessions', body),
  );
