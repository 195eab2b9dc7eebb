import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ClinicReadAnswer,
  ClinicReadBody,
  QcAgreementList,
  QcFeedback,
  QcPeriodQuery,
  QcRules,
  QcRulesAnswer,
  QcSignBody,
  QcTaskAnswer,
} from '@telerad/contracts';
import { api } from '../../app/api';

const e = encodeURIComponent;
export const QC_KEY = ['qc'] as const;

/** The re-reader's view of a QC task (blind until signed). */
export function useQcTask(taskId: string) {
  return useQuery({
    queryKey: [...QC_KEY, 'task', taskId],
    queryFn: () => api.get<QcTaskAnswer>(`/api/tasks/${e(taskId)}/qc`),
  });
}

/** Signs the centre's QC read (completes the task and reveals the clinic's read). */
export function useSignQc(taskId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: QcSignBody) =>
      api.post<QcTaskAnswer>(`/api/tasks/${e(taskId)}/qc/sign`, body),
    onSuccess: (a) => {
      qc.setQueryData([...QC_KEY, 'task', taskId], a);
      void qc.invalidateQueries({ queryKey: ['worklist'] });
    },
  });
}

/** The clinic's own read of a study, and the forms it may use. */
export function useClinicRead(studyUid: string, enabled = true) {
  return useQuery({
    queryKey: [...QC_KEY, 'clinic-read', studyUid],
    queryFn: () => api.get<ClinicReadAnswer>(`/api/studies/${e(studyUid)}/clinic-read`),
    enabled,
  });
}

/** Sends the clinic's own read of a study. */
export function useSubmitClinicRead(studyUid: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ClinicReadBody) =>
      api.post<ClinicReadAnswer>(`/api/studies/${e(studyUid)}/clinic-read`, body),
    onSuccess: (a) => qc.setQueryData([...QC_KEY, 'clinic-read', studyUid], a),
  });
}

/** The QC sampling rules. */
export function useQcRules(enabled = true) {
  return useQuery({
    queryKey: [...QC_KEY, 'rules'],
    queryFn: () => api.get<QcRulesAnswer>('/api/qc/rules'),
    enabled,
  });
}

/** Replaces the QC sampling rules. */
export function useSaveQcRules() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: QcRules) => api.put<QcRulesAnswer>('/api/qc/rules', body),
    onSuccess: (a) => qc.setQueryData([...QC_KEY, 'rules'], a),
  });
}

/** Agreement and kappa of every clinic in scope over a period. */
export function useAgreement(period: QcPeriodQuery) {
  return useQuery({
    queryKey: [...QC_KEY, 'agreement', period],
    queryFn: () => api.get<QcAgreementList>('/api/qc/agreement', period),
  });
}

/** One clinic's feedback over a period. */
export function useFeedback(clinicId: string | null, period: QcPeriodQuery) {
  return useQuery({
    queryKey: [...QC_KEY, 'feedback', clinicId, period],
    queryFn: () => api.get<QcFeedback>(`/api/qc/clinics/${e(clinicId!)}/feedback`, period),
    enabled: clinicId !== null,
  });
}

/** The address of a clinic's feedback PDF for a period. */
export function feedbackPdfUrl(clinicId: string, period: QcPeriodQuery): string {
  const q = new URLSearchParams(
    Object.entries(period).filter((x): x is [string, string] => typeof x[1] === 'string'),
  ).toString();
  return `/api/qc/clinics/${e(clinicId)}/feedback.pdf${q ? `?${q}` : ''}`;
}
