import type { Db } from '../../platform/db';
import type { Scope } from './filters';
import { consultations, incidents, peerReview, queue, retakes } from './live';
import { qcTrend } from './qcTrend';
import { turnaround, turnaroundHeatmap } from './turnaround';
import { readsPerDay, volumesAndFindings } from './volumes';

/** Every panel's query by name, for the benchmark to time one at a time. */
export const KPI_PANELS: Record<string, (db: Db, s: Scope) => Promise<unknown>> = {
  'turnaround and histogram': turnaround,
  'turnaround heatmap': turnaroundHeatmap,
  'volume per day': readsPerDay,
  'volumes and findings': volumesAndFindings,
  queue,
  retakes,
  'peer review': peerReview,
  consultations,
  incidents,
  'QC kappa trend': qcTrend,
};
