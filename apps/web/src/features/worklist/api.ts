import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Priority, WorklistPage, WorklistTask } from '@telerad/contracts';
import { api } from '../../app/api';
import { ApiError } from '../../app/apiError';
import { worklistQuery, type WorklistFilters } from './filters';
import { clockOffset } from './slaClock';

/** Query key prefix of every worklist query (the real-time link invalidates it). */
export const WORKLIST_KEY = ['worklist'] as const;

/** Tasks fetched per view; the server's maximum page. */
export const WORKLIST_LIMIT = 200;

/** Safety net should the real-time link be down: a slow refresh. */
const FALLBACK_REFRESH_MS = 60_000;

/** A worklist page and the offset (ms) from this browser's clock to the server's. */
export interface WorklistView extends WorklistPage {
  clockOffsetMs: number;
}

/**
 * The worklist for `filters`. Freshness comes from the real-time link, not polling: the slow
 * refresh runs only while that link is down (`live` false), so an open page writes no audit
 * event every minute.
 */
export function useWorklist(filters: WorklistFilters, live = false) {
  return useQuery({
    queryKey: [...WORKLIST_KEY, filters],
    queryFn: async ({ signal }): Promise<WorklistView> => {
      const page = await api.get<WorklistPage>(
        '/api/worklist',
        { ...worklistQuery(filters), limit: WORKLIST_LIMIT },
        signal,
      );
      return { ...page, clockOffsetMs: clockOffset(page.serverTime, Date.now()) };
    },
    placeholderData: keepPreviousData,
    refetchInterval: live ? false : FALLBACK_REFRESH_MS,
  });
}

function taskPath(id: string, action?: string): string {
  return `/api/tasks/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;
}

/** Claims a task for the signed-in reader (409 TASK_TAKEN when someone else has it). */
export function useClaimTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<WorklistTask>(taskPath(id, 'claim')),
    onSettled: () => queryClient.invalidateQueries({ queryKey: WORKLIST_KEY }),
  });
}

/** Claims the most urgent task the reader may read (404 NO_TASK_AVAILABLE when none). */
export function useClaimNext() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<WorklistTask>('/api/tasks/next'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: WORKLIST_KEY }),
  });
}

/** Hands a claimed task back to the queue. */
export function useReleaseTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<WorklistTask>(taskPath(id, 'release')),
    onSettled: () => queryClient.invalidateQueries({ queryKey: WORKLIST_KEY }),
  });
}

/** Changes a task's priority (clinics may raise routine to urgent). */
export function useSetPriority() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, priority }: { id: string; priority: Priority }) =>
      api.patch<WorklistTask>(taskPath(id), { priority }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: WORKLIST_KEY }),
  });
}

/** True when "Next" found nothing to read. */
export function isNoTaskAvailable(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'NO_TASK_AVAILABLE';
}

/** Takes a waiting task before its centre opens, with the reader's reason, and claims it. */
export function useReadNow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      api.post<WorklistTask>(taskPath(id, 'read-now'), { reason }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: WORKLIST_KEY }),
  });
}
