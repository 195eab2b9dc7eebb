import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BlindReadBody,
  DiscrepancyAnswer,
  DiscrepancyList,
  DiscrepancyQuery,
  PeerReviewProgramme,
  PeerReviewProgrammeInput,
  PeerReviewProgrammeList,
  PeerReviewReaders,
  PeerReviewTaskAnswer,
  PeerScoreBody,
  PeerScoreList,
  ResolveDiscrepancyBody,
} from '@telerad/contracts';
import { api } from '../../app/api';

const PROGRAMMES = ['peer-review', 'programmes'] as const;

/** Every peer-review programme with its counts. */
export function useProgrammes() {
  return useQuery({
    queryKey: PROGRAMMES,
    queryFn: () => api.get<PeerReviewProgrammeList>('/api/peer-review/programmes'),
  });
}

/** Creates (no id) or changes a programme. */
export function useSaveProgramme() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: PeerReviewProgrammeInput }) =>
      id
        ? api.put<PeerReviewProgramme>(`/api/peer-review/programmes/${id}`, input)
        : api.post<PeerReviewProgramme>('/api/peer-review/programmes', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: PROGRAMMES }),
  });
}

const reviewKey = (taskId: string) => ['peer-review', 'task', taskId] as const;

/** The reviewer's view of their peer-review task. */
export function usePeerReviewTask(taskId: string) {
  return useQuery({
    queryKey: reviewKey(taskId),
    queryFn: () => api.get<PeerReviewTaskAnswer>(`/api/tasks/${taskId}/peer-review`),
  });
}

/** A blind reviewer's own read (reveals the original report). */
export function useBlindRead(taskId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BlindReadBody) =>
      api.post<PeerReviewTaskAnswer>(`/api/tasks/${taskId}/peer-review/blind-read`, body),
    onSuccess: (a) => qc.setQueryData(reviewKey(taskId), a),
  });
}

/** The RADPEER score and comment (completes the task). */
export function useScore(taskId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PeerScoreBody) =>
      api.post<PeerReviewTaskAnswer>(`/api/tasks/${taskId}/peer-review/score`, body),
    onSuccess: (a) => {
      qc.setQueryData(reviewKey(taskId), a);
      void qc.invalidateQueries({ queryKey: ['worklist'] });
    },
  });
}

/** Peer-review scores: one's own, or everyone's for QA (`mine` false). */
export function useScores(mine: boolean) {
  return useQuery({
    queryKey: ['peer-review', 'scores', mine],
    // Only `mine=true` is sent: a query string's "false" is a present value, read as true.
    queryFn: () => api.get<PeerScoreList>('/api/peer-reviews', mine ? { mine } : {}),
  });
}

const CASES = ['peer-review', 'discrepancies'] as const;

/** Discrepancy cases in a state. */
export function useDiscrepancies(state: DiscrepancyQuery['state']) {
  return useQuery({
    queryKey: [...CASES, state],
    queryFn: () => api.get<DiscrepancyList>('/api/peer-review/discrepancies', { state }),
  });
}

/** One case with its report. */
export function useDiscrepancy(id: string | null) {
  return useQuery({
    queryKey: [...CASES, 'one', id],
    queryFn: () => api.get<DiscrepancyAnswer>(`/api/peer-review/discrepancies/${id}`),
    enabled: id !== null,
  });
}

/** Settles a case: feedback, and an addendum when the report must change. */
export function useResolveDiscrepancy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ResolveDiscrepancyBody }) =>
      api.post<DiscrepancyAnswer>(`/api/peer-review/discrepancies/${id}/resolve`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: CASES }),
  });
}

/** The radiologists and consultants a programme may target. */
export function useReaders() {
  return useQuery({
    queryKey: ['peer-review', 'readers'],
    queryFn: () => api.get<PeerReviewReaders>('/api/peer-review/readers'),
  });
}
