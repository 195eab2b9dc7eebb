import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CapacityPlanAnswer, CapacityPlanBody } from '@telerad/contracts';
import { api } from '../../app/api';

/** The staffing plan for `body` (SLA, history weeks, what-ifs); the last plan stays shown while the next loads. */
export function useCapacityPlan(body: CapacityPlanBody) {
  return useQuery({
    queryKey: ['capacity', 'plan', body],
    queryFn: () => api.post<CapacityPlanAnswer>('/api/capacity/plan', body),
    placeholderData: keepPreviousData,
  });
}
