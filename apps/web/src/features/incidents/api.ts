import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  IncidentActionBody,
  IncidentAnswer,
  IncidentListAnswer,
  IncidentOwnerChoices,
  IncidentState,
  IncidentTransitionBody,
  IncidentUpdateBody,
  LessonSearchAnswer,
  NewIncidentBody,
} from '@telerad/contracts';
import { api } from '../../app/api';

const e = encodeURIComponent;
export const INCIDENTS_KEY = ['incidents'] as const;

/** Incidents, open ones first; optionally one state or those about one study. */
export function useIncidents(q: { state?: IncidentState | null; studyUid?: string }) {
  return useQuery({
    queryKey: [...INCIDENTS_KEY, 'list', q],
    queryFn: ({ signal }) =>
      api.get<IncidentListAnswer>(
        '/api/incidents',
        { state: q.state ?? undefined, studyUid: q.studyUid },
        signal,
      ),
  });
}

export function useIncident(id: string) {
  return useQuery({
    queryKey: [...INCIDENTS_KEY, 'one', id],
    queryFn: ({ signal }) => api.get<IncidentAnswer>(`/api/incidents/${e(id)}`, undefined, signal),
  });
}

/** Staff who may own an incident or an action (QA's choices). */
export function useOwnerChoices(enabled: boolean) {
  return useQuery({
    queryKey: [...INCIDENTS_KEY, 'owners'],
    queryFn: ({ signal }) =>
      api.get<IncidentOwnerChoices>('/api/incidents/owners', undefined, signal),
    enabled,
  });
}

export function useLessons(q: string) {
  return useQuery({
    queryKey: [...INCIDENTS_KEY, 'lessons', q],
    queryFn: ({ signal }) => api.get<LessonSearchAnswer>('/api/lessons', { q }, signal),
  });
}

function useIncidentWrite<B>(call: (body: B) => Promise<IncidentAnswer>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => void qc.invalidateQueries({ queryKey: INCIDENTS_KEY }),
  });
}

export const useReportIncident = () =>
  useIncidentWrite((body: NewIncidentBody) => api.post<IncidentAnswer>('/api/incidents', body));

export const useUpdateIncident = (id: string) =>
  useIncidentWrite((body: IncidentUpdateBody) =>
    api.patch<IncidentAnswer>(`/api/incidents/${e(id)}`, body),
  );

export const useMoveIncident = (id: string) =>
  useIncidentWrite((body: IncidentTransitionBody) =>
    api.post<IncidentAnswer>(`/api/incidents/${e(id)}/transition`, body),
  );

export const useCommentIncident = (id: string) =>
  useIncidentWrite((body: { body: string }) =>
    api.post<IncidentAnswer>(`/api/incidents/${e(id)}/comments`, body),
  );

export const useAddIncidentAction = (id: string) =>
  useIncidentWrite((body: IncidentActionBody) =>
    api.post<IncidentAnswer>(`/api/incidents/${e(id)}/actions`, body),
  );

export const useCompleteIncidentAction = (id: string) =>
  useIncidentWrite((actionId: string) =>
    api.post<IncidentAnswer>(`/api/incidents/${e(id)}/actions/done`, { actionId }),
  );
