import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RetakeRequestAnswer, RetakeRequestBody } from '@telerad/contracts';
import { api } from '../../app/api';
import { REPORTS_KEY } from '../reports/api';

const e = encodeURIComponent;

/** The reader asks the clinic for a retake or extra views; the read leaves the worklist. */
export function useRequestRetake(taskId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RetakeRequestBody) =>
      api.post<RetakeRequestAnswer>(`/api/tasks/${e(taskId)}/retake-requests`, body),
    onSuccess: () => void qc.invalidateQueries(),
  });
}

/** Acknowledging (the clinic) or chasing (an assistant) a request; the study's reports refresh. */
export function useRetakeAction(action: 'acknowledge' | 'chase') {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.post<RetakeRequestAnswer>(`/api/retake-requests/${e(id)}/${action}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: REPORTS_KEY }),
  });
}
