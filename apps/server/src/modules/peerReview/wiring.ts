import { randomUUID } from 'node:crypto';
import { onReadFinalised } from '../reports';
import { sampleFinalisedRead } from './sampling';
import { seededDraw } from './selection';

/**
 * Makes peer-review sampling part of every read's finalisation in this process (reports cannot
 * import peer review). `seed` fixes the sample's draw (tests, replays); by default each start
 * draws a fresh secret seed, so nobody can tell in advance which reads will be reviewed.
 * Idempotent: installing again replaces the previous wiring.
 */
export function wirePeerReview(opts: { seed?: string } = {}): void {
  const draw = seededDraw(opts.seed ?? randomUUID());
  onReadFinalised((trx, read) => sampleFinalisedRead(trx, read, draw));
}

/** Removes the wiring (tests that prove a release without it samples nothing). */
export function unwirePeerReview(): void {
  onReadFinalised(null);
}
