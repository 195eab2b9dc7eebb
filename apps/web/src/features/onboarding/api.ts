import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  OnboardingChecklist,
  OnboardingList,
  OnboardingStepUpdate,
  OnboardingTransitionInput,
  TrainingRecordInput,
} from '@telerad/contracts';
import { api } from '../../app/api';

const KEY = ['onboarding'] as const;

/** Clinics in onboarding or pilot with their progress. */
export function useOnboardingList() {
  return useQuery({
    queryKey: [...KEY, 'list'],
    queryFn: () => api.get<OnboardingList>('/api/onboarding'),
  });
}

/** One clinic's checklist. */
export function useChecklist(clinicId: string) {
  return useQuery({
    queryKey: [...KEY, clinicId],
    queryFn: () => api.get<OnboardingChecklist>(`/api/clinics/${clinicId}/onboarding`),
  });
}

/**
 * A change of one clinic's checklist: every write answers the checklist after it, which is put
 * in the cache at once (no second round trip on a slow link); the list is refreshed behind it.
 */
function useChecklistWrite<V>(clinicId: string, write: (v: V) => Promise<OnboardingChecklist>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (c) => {
      qc.setQueryData([...KEY, clinicId], c);
      void qc.invalidateQueries({ queryKey: [...KEY, 'list'] });
      // The clinic's status may have changed: pages listing clinics refetch.
      void qc.invalidateQueries({ queryKey: ['clinics'] });
    },
  });
}

/** Changes one step: status, owner, due date or note. */
export const useUpdateStep = (clinicId: string) =>
  useChecklistWrite(clinicId, (body: OnboardingStepUpdate) =>
    api.patch<OnboardingChecklist>(`/api/clinics/${clinicId}/onboarding/steps`, body),
  );

/** Records a training. */
export const useAddTraining = (clinicId: string) =>
  useChecklistWrite(clinicId, (body: TrainingRecordInput) =>
    api.post<OnboardingChecklist>(`/api/clinics/${clinicId}/onboarding/training`, body),
  );

/** Removes a training record entered by mistake. */
export const useRemoveTraining = (clinicId: string) =>
  useChecklistWrite(clinicId, (id: string) =>
    api.delete<OnboardingChecklist>(`/api/onboarding/training/${id}`),
  );

/** Moves the clinic to pilot or live, or back a step with a reason. */
export const useMoveClinic = (clinicId: string) =>
  useChecklistWrite(clinicId, (body: OnboardingTransitionInput) =>
    api.post<OnboardingChecklist>(`/api/clinics/${clinicId}/onboarding/move`, body),
  );
