/**
 * The error codes with which the server refuses to open (claim) a task from the worklist. The
 * server's claim path throws only these (its error catalogue types them), and the web app keeps
 * one sentence for each, so a refusal added here must be explained before it can ship.
 */
export const CLAIM_REFUSAL_CODES = [
  'TASK_TAKEN',
  'TASK_HELD_FOR_CONSULTATION',
  'TASK_NOT_CLAIMABLE',
  'TASK_CLOSED',
  /** A review of the caller's own read: a peer review is always another reader's. */
  'TASK_OWN_READ',
  'NOT_FOUND',
] as const;

/** A code the claim path may answer with. */
export type ClaimRefusalCode = (typeof CLAIM_REFUSAL_CODES)[number];
