/**
 * The daily digest for clinic managers: yesterday's studies, turnaround and what waits now, per
 * managed clinic, e-mailed once per manager per local day at 07:00 by their clock, and a preview
 * for managers and administrators. Owns `digest_sends`; its sections are data (`sections.ts`).
 */
export { digestRoutes } from './routes';
export { DIGEST_HOUR, sendDueDigests, type DigestDeps, type QueuedDigest } from './sweep';
export { DIGEST_SWEEP_QUEUE, scheduleDigests } from './schedule';
export {
  DIGEST_SECTIONS,
  PENDING_ACTIONS,
  withinDay,
  type DigestSection,
  type PendingAction,
} from './sections';
export { DIGEST_STRINGS } from './strings';
