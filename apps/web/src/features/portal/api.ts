import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ApplicantPage,
  ApplicantQuery,
  Programme,
  StudyRequest,
  WorklistTask,
} from '@telerad/contracts';
import { api } from '../../app/api';

/** The query key of every portal list: task events refresh all of them. */
export const APPLICANTS_KEY = ['portal', 'applicants'] as const;

const studyPath = (studyUid: string, what: string) =>
  `/api/studies/${encodeURIComponent(studyUid)}/${what}`;

/** Today's applicants (or a search); kept fresh by task events over the live link. */
export function useApplicants(query: Partial<ApplicantQuery>) {
  return useQuery({
    queryKey: [...APPLICANTS_KEY, query],
    queryFn: ({ signal }) =>
      api.get<ApplicantPage>(
        '/api/portal/applicants',
        Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== '')),
        signal,
      ),
    placeholderData: (previous) => previous,
  });
}

/** What the clinic asked of the reader for a study: note, programme, urgency's reason. */
export function useStudyRequest(studyUid: string) {
  return useQuery({
    queryKey: ['portal', 'request', studyUid],
    queryFn: ({ signal }) =>
      api.get<StudyRequest>(studyPath(studyUid, 'request'), undefined, signal),
  });
}

function usePortalMutation<A, R>(fn: (args: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => qc.invalidateQueries({ queryKey: ['portal'] }),
  });
}

/** Marks a study's reading urgent, with the reason its reader sees. */
export function useMarkUrgent() {
  return usePortalMutation(({ taskId, reason }: { taskId: string; reason: string }) =>
    api.patch<WorklistTask>(`/api/tasks/${encodeURIComponent(taskId)}`, {
      priority: 'urgent',
      reason,
    }),
  );
}

/** Writes the clinical note for the reader. */
export function useSaveClinicalNote() {
  return usePortalMutation(({ studyUid, note }: { studyUid: string; note: string }) =>
    api.put<StudyRequest>(studyPath(studyUid, 'clinical-note'), { note }),
  );
}

/** Chooses the receiving programme of a study. */
export function useChooseProgramme() {
  return usePortalMutation(({ studyUid, programme }: { studyUid: string; programme: Programme }) =>
    api.put<StudyRequest>(studyPath(studyUid, 'programme'), { programme }),
  );
}
