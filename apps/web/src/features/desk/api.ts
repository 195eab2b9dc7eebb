import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  DeskItemKind,
  DeskPage,
  OrderCandidates,
  OrderHandMatch,
  OrderHandMatchResult,
  Priority,
  StudyReleaseResult,
  WorklistTask,
} from '@telerad/contracts';
import { api } from '../../app/api';

/** The desk's query key: live events and actions invalidate it. */
export const DESK_KEY = ['desk'] as const;

/** The desk, narrowed by kind and clinic. Live events refresh it; a slow poll backs them up. */
export function useDesk(kind: DeskItemKind | null, clinicId: string | null) {
  return useQuery({
    queryKey: [...DESK_KEY, kind, clinicId],
    queryFn: () =>
      api.get<DeskPage>('/api/desk', {
        ...(kind ? { kind } : {}),
        ...(clinicId ? { clinicId } : {}),
      }),
    refetchInterval: 120_000,
  });
}

/** Releases a held study to the reading worklist (its flags marked as looked at). */
export function useReleaseStudy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (studyUid: string) =>
      api.post<StudyReleaseResult>(`/api/studies/${encodeURIComponent(studyUid)}/release`, {}),
    onSettled: () => qc.invalidateQueries({ queryKey: DESK_KEY }),
  });
}

/** Raises a reading's priority through the worklist's task route. */
export function useRaisePriority() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ taskId, priority }: { taskId: string; priority: Priority }) =>
      api.patch<WorklistTask>(`/api/tasks/${encodeURIComponent(taskId)}`, { priority }),
    onSettled: () => qc.invalidateQueries({ queryKey: DESK_KEY }),
  });
}

/** Reminds the clinic of a retake request it has not answered (the retakes module's chase). */
export function useChaseRetake() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (requestId: string) =>
      api.post<unknown>(`/api/retake-requests/${encodeURIComponent(requestId)}/chase`),
    onSettled: () => qc.invalidateQueries({ queryKey: DESK_KEY }),
  });
}

/** Scheduled orders a study may answer, the likeliest first (a search reaches any day). */
export function useOrderCandidates(studyUid: string | null, q: string) {
  return useQuery({
    queryKey: ['order-candidates', studyUid, q],
    enabled: studyUid !== null,
    queryFn: () =>
      api.get<OrderCandidates>(
        `/api/studies/${encodeURIComponent(studyUid!)}/order-candidates`,
        q ? { q } : {},
      ),
  });
}

/** Matches a study to an order by hand: it takes the order's identity and joins the worklist. */
export function useHandMatch() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ studyUid, body }: { studyUid: string; body: OrderHandMatch }) =>
      api.post<OrderHandMatchResult>(
        `/api/studies/${encodeURIComponent(studyUid)}/order-match`,
        body,
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: DESK_KEY }),
  });
}
