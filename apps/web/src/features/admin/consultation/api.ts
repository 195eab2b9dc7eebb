import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConsultationRules } from '@telerad/contracts';
import { api } from '../../../app/api';

const KEY = ['settings', 'consultation-rules'] as const;
const PATH = '/api/settings/consultation-rules';

/** The consultation rules in force. */
export function useConsultationRules() {
  return useQuery({ queryKey: KEY, queryFn: () => api.get<ConsultationRules>(PATH) });
}

/** Replaces the whole rule list (the server validates and audits it). */
export function useSaveConsultationRules() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (rules: ConsultationRules) => api.put<ConsultationRules>(PATH, rules),
    onSuccess: (saved) => qc.setQueryData(KEY, saved),
  });
}
