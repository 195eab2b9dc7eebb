import type { QcPeriodQuery } from '@telerad/contracts';

/** The periods the QC pages offer, in days back from today (today included). */
export const PERIOD_DAYS = [30, 90, 365] as const;
export type PeriodDays = (typeof PERIOD_DAYS)[number];

const DAY_MS = 86_400_000;

/** The last `days` days to today, as the API's dates (UTC, like the server's default). */
export function periodOf(days: number, now = new Date()): QcPeriodQuery {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(Date.parse(to) - (days - 1) * DAY_MS).toISOString().slice(0, 10);
  return { from, to };
}

/** Landis and Koch's words for a kappa, as the feedback PDF uses them (the catalogue's keys). */
export function kappaWordKey(
  kappa: number,
): 'poor' | 'slight' | 'fair' | 'moderate' | 'substantial' | 'almostPerfect' {
  if (kappa < 0) return 'poor';
  if (kappa <= 0.2) return 'slight';
  if (kappa <= 0.4) return 'fair';
  if (kappa <= 0.6) return 'moderate';
  if (kappa <= 0.8) return 'substantial';
  return 'almostPerfect';
}
