import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CadViewerAnswer, ReaderChoice } from '@telerad/contracts';
import { api } from '../../app/api';

/** Query key of a read's CAD answer. */
export const readCadKey = (taskId: string | null) => ['viewer', 'cad', taskId] as const;

/**
 * What the server lets the viewer show of CAD for the read (docs/adr/0043): `blind` until the
 * reader's first impression in a blind-first programme. The server is the gate; this only asks.
 */
export function useReadCad(taskId: string | null) {
  return useQuery({
    queryKey: readCadKey(taskId),
    enabled: !!taskId,
    queryFn: ({ signal }) =>
      api.get<CadViewerAnswer>(`/api/tasks/${encodeURIComponent(taskId!)}/cad`, undefined, signal),
  });
}

/** Records the reader's first impression of the read; the answer is what CAD it unlocks. */
export function useFirstImpression(taskId: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (choice: ReaderChoice) =>
      api.post<CadViewerAnswer>(`/api/tasks/${encodeURIComponent(taskId!)}/cad/preliminary`, {
        choice,
      }),
    onSuccess: (answer) => {
      queryClient.setQueryData(readCadKey(taskId), answer);
      // The worklist may now show this study's score to this reader.
      void queryClient.invalidateQueries({ queryKey: ['worklist'] });
    },
  });
}
