import { useQuery } from '@tanstack/react-query';
import type { ReportCard, ReportCardList, ReportCardPeriod } from '@telerad/contracts';
import { api } from '../../app/api';

const query = (p: ReportCardPeriod) => `from=${p.from}&to=${p.to}`;

/** Every reader's key figures over the period (QA, consultants, administrators). */
export function useReportCards(period: ReportCardPeriod, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['report-cards', period.from, period.to],
    queryFn: () => api.get<ReportCardList>(`/api/report-cards?${query(period)}`),
  });
}

/** One reader's card over the period. */
export function useReportCard(readerId: string, period: ReportCardPeriod) {
  return useQuery({
    queryKey: ['report-cards', readerId, period.from, period.to],
    queryFn: () => api.get<ReportCard>(`/api/report-cards/${readerId}?${query(period)}`),
  });
}

/** Where the card's PDF downloads from. */
export const reportCardPdfUrl = (readerId: string, period: ReportCardPeriod) =>
  `/api/report-cards/${readerId}/pdf?${query(period)}`;
