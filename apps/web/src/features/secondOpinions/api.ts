import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AskSecondOpinionBody,
  ConsultNoteAddendumBody,
  SecondOpinion,
  SecondOpinionList,
  SecondOpinionTaskAnswer,
  SignConsultNoteBody,
} from '@telerad/contracts';
import { api } from '../../app/api';

const studyKey = (studyUid: string) => ['second-opinions', 'study', studyUid] as const;
const taskKey = (taskId: string) => ['second-opinions', 'task', taskId] as const;

/** The questions asked about a study, with their signed notes. */
export function useStudySecondOpinions(studyUid: string) {
  return useQuery({
    queryKey: studyKey(studyUid),
    queryFn: () =>
      api.get<SecondOpinionList>(`/api/studies/${encodeURIComponent(studyUid)}/second-opinions`),
  });
}

/** Asks a consultant a question about the study. */
export function useAskSecondOpinion(studyUid: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AskSecondOpinionBody) =>
      api.post<SecondOpinion>(`/api/studies/${encodeURIComponent(studyUid)}/second-opinions`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: studyKey(studyUid) }),
  });
}

/** Withdraws a question one asked. */
export function useWithdrawSecondOpinion(studyUid: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<SecondOpinion>(`/api/second-opinions/${id}/withdraw`),
    onSuccess: () => qc.invalidateQueries({ queryKey: studyKey(studyUid) }),
  });
}

/** Adds a signed addendum to an answered question's note. */
export function useAddConsultNoteAddendum(studyUid: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ConsultNoteAddendumBody }) =>
      api.post<SecondOpinion>(`/api/second-opinions/${id}/addenda`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: studyKey(studyUid) }),
  });
}

/** Where the signed note's PDF downloads from. */
export const consultNotePdfUrl = (id: string) => `/api/second-opinions/${id}/note.pdf`;

/** The consultant's view of a claimed second-opinion task. */
export function useSecondOpinionTask(taskId: string) {
  return useQuery({
    queryKey: taskKey(taskId),
    queryFn: () => api.get<SecondOpinionTaskAnswer>(`/api/tasks/${taskId}/second-opinion`),
  });
}

/** Signs the consult note (completes the task). */
export function useSignConsultNote(taskId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SignConsultNoteBody) =>
      api.post<SecondOpinionTaskAnswer>(`/api/tasks/${taskId}/second-opinion/sign`, body),
    onSuccess: (a) => {
      qc.setQueryData(taskKey(taskId), a);
      void qc.invalidateQueries({ queryKey: ['worklist'] });
    },
  });
}
