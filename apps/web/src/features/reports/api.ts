import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { ApiError } from '../../app/apiError';
import type {
  ConsultationAnswer,
  CriticalFlag,
  ReportContent,
  ReportListAnswer,
  ReportRecord,
  SaveReportAnswer,
  SignReportAnswer,
  StudyReportsAnswer,
  TaskReportAnswer,
  ViewerAnnotation,
} from '@telerad/contracts';

const e = encodeURIComponent;

/** Query key prefix of everything report-shaped (sign, concur and addenda invalidate it). */
export const REPORTS_KEY = ['reports'] as const;

const taskReportPath = (taskId: string, action?: string) =>
  `/api/tasks/${e(taskId)}/report${action ? `/${action}` : ''}`;

/** The reader's task, its study, the forms to choose from and the draft, if any. */
export function useTaskReport(taskId: string) {
  return useQuery({
    queryKey: [...REPORTS_KEY, 'task', taskId],
    queryFn: ({ signal }) => api.get<TaskReportAnswer>(taskReportPath(taskId), undefined, signal),
    // The panel owns the draft once loaded: a background refetch must not overwrite typing.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });
}

/** Body of the autosave. */
export interface SaveBody {
  formId: string;
  formVersion: string;
  content: ReportContent;
  annotations: ViewerAnnotation[];
  revision: number;
}

/** Autosaves a draft (creates it on the first save). 409 REVISION_CONFLICT when stale. */
export const saveReport = (taskId: string, body: SaveBody) =>
  api.put<SaveReportAnswer>(taskReportPath(taskId), body);

/**
 * The same save as a keep-alive request, for the page being closed: the browser finishes it
 * after the tab is gone. Fire and forget; the next open shows what arrived.
 */
export function saveReportOnUnload(taskId: string, body: SaveBody, csrf: string | undefined) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (csrf) headers['x-csrf-token'] = csrf;
  void fetch(taskReportPath(taskId), {
    method: 'PUT',
    headers,
    credentials: 'same-origin',
    body: JSON.stringify(body),
    keepalive: true,
  }).catch(() => undefined);
}

/** Signs the saved revision; `mfaCode` when the server asked for one. */
export function useSignReport(taskId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { revision: number; mfaCode?: string; critical?: CriticalFlag }) =>
      api.post<SignReportAnswer>(taskReportPath(taskId, 'sign'), body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['worklist'] }),
  });
}

/** Asks a consultant by hand; the report is held as pending consultation. */
export function useRequestConsultation(taskId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { question: string; revision?: number; mfaCode?: string }) =>
      api.post<SignReportAnswer>(`/api/tasks/${e(taskId)}/consultation`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['worklist'] }),
  });
}

/** The held report a consultant settles. */
export function useConsultation(taskId: string, enabled = true) {
  return useQuery({
    queryKey: [...REPORTS_KEY, 'consultation', taskId],
    queryFn: ({ signal }) =>
      api.get<ConsultationAnswer>(`/api/consultations/${e(taskId)}`, undefined, signal),
    enabled,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

/** Consultant releases the report as signed. */
export function useConcur(taskId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { comment?: string; mfaCode?: string }) =>
      api.post<SignReportAnswer>(`/api/consultations/${e(taskId)}/concur`, body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: REPORTS_KEY });
      void qc.invalidateQueries({ queryKey: ['worklist'] });
    },
  });
}

/** Consultant releases their amended content. */
export function useAmend(taskId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      content: ReportContent;
      annotations: ViewerAnnotation[];
      comment?: string;
      mfaCode?: string;
    }) => api.post<SignReportAnswer>(`/api/consultations/${e(taskId)}/amend`, body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: REPORTS_KEY });
      void qc.invalidateQueries({ queryKey: ['worklist'] });
    },
  });
}

/** One report with its versions (clinic users: released versions only). */
export function useReport(reportId: string | null) {
  return useQuery({
    queryKey: [...REPORTS_KEY, 'one', reportId],
    queryFn: ({ signal }) =>
      api.get<ReportRecord>(`/api/reports/${e(reportId ?? '')}`, undefined, signal),
    enabled: reportId !== null,
  });
}

/** Adds an addendum to a released report: a new version. */
export function useAddAddendum(reportId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { text: string; mfaCode?: string }) =>
      api.post<SignReportAnswer>(`/api/reports/${e(reportId)}/addenda`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: REPORTS_KEY }),
  });
}

/** Released reports of one study (study page). */
export function useStudyReports(studyUid: string) {
  return useQuery({
    queryKey: [...REPORTS_KEY, 'study', studyUid],
    queryFn: ({ signal }) =>
      api.get<StudyReportsAnswer>(`/api/studies/${e(studyUid)}/reports`, undefined, signal),
  });
}

/** Filters of the reports list. */
export interface ReportListQuery {
  state?: string;
  clinicId?: string;
  /** At most this many, newest first (the server's default when unset). */
  limit?: number;
}

/** Reports in the caller's scope (clinic users: released reports of their clinics). */
export function useReports(query: ReportListQuery) {
  return useQuery({
    queryKey: [...REPORTS_KEY, 'list', query],
    queryFn: ({ signal }) => api.get<ReportListAnswer>('/api/reports', { ...query }, signal),
  });
}

/**
 * The PDF of a released version (delivery module): to view in the browser, or with `download`
 * sent as an attachment under the clinic's file name.
 */
export const reportPdfUrl = (reportId: string, version: number, download = false) =>
  `/api/reports/${e(reportId)}/pdf?version=${version}${download ? '&download=1' : ''}`;

/** True when the server wants a fresh MFA code before it signs (MFA_REQUIRED). */
export const isMfaRequired = (error: unknown) =>
  error instanceof ApiError && error.code === 'MFA_REQUIRED';

/** True when the MFA code given was wrong or already used. */
export const isMfaInvalid = (error: unknown) =>
  error instanceof ApiError && error.code === 'MFA_CODE_INVALID';

/** True when the autosave was refused because someone saved a newer revision (409). */
export const isRevisionConflict = (error: unknown) =>
  error instanceof ApiError && error.code === 'REVISION_CONFLICT';

/** True when the server could not be reached or failed (worth retrying), not a refusal. */
export const isTransient = (error: unknown) =>
  !(error instanceof ApiError) || error.status >= 500 || error.status === 429;
