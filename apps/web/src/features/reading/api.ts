import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { WorklistTask } from '@telerad/contracts';
import { useEffect, useState } from 'react';
import { api } from '../../app/api';
import { errorMessage } from '../../app/apiError';

/** How often an open task's claim is renewed (the claim lapses without it). */
export const HEARTBEAT_MS = 30_000;

const taskPath = (id: string, action: string) => `/api/tasks/${encodeURIComponent(id)}/${action}`;

/** Claims the task (idempotent for the reader who already holds it). */
export function useClaimForReading() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<WorklistTask>(taskPath(id, 'claim')),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['worklist'] }),
  });
}

/**
 * Renews the claim every {@link HEARTBEAT_MS} while the page is open; answers the last error
 * (e.g. the claim lapsed or was reassigned) so the page can say so.
 */
export function useHeartbeat(taskId: string | null): string | null {
  const [lost, setLost] = useState<string | null>(null);
  useEffect(() => {
    if (!taskId) return;
    const beat = () =>
      api.post<WorklistTask>(taskPath(taskId, 'heartbeat')).then(
        () => setLost(null),
        (e: unknown) => setLost(errorMessage(e)),
      );
    const id = window.setInterval(() => void beat(), HEARTBEAT_MS);
    return () => window.clearInterval(id);
  }, [taskId]);
  return lost;
}
