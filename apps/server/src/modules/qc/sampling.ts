import type { QcCategory, QcSampling } from '@telerad/contracts';

/**
 * A uniform draw in [0, 1) for one clinic read, a pure function of its id (and a seed), so a
 * retried submission chooses the same way. Peer review's seeded draw fits: `(scope, id)`.
 */
export type QcDraw = (scope: string, readId: string) => number;

/**
 * Whether the centre re-reads a clinic's read under `sampling` (pure): every read, none, a
 * percentage (the read's draw below `percent`/100), or every read the clinic did not call normal.
 * Answers why, for the task's routing reason, or null when the read is not chosen.
 */
export function choosesForQc(
  sampling: QcSampling,
  read: { id: string; category: QcCategory },
  draw: QcDraw,
): 'all' | 'percent' | 'abnormal' | null {
  switch (sampling.mode) {
    case 'none':
      return null;
    case 'all':
      return 'all';
    case 'abnormal':
      return read.category === 'normal' ? null : 'abnormal';
    case 'percent':
      return sampling.percent > 0 && draw('qc', read.id) < sampling.percent / 100
        ? 'percent'
        : null;
  }
}
