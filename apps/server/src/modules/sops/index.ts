/**
 * SOPs and guidelines: documents in versions (Markdown, or an uploaded PDF) with an effective
 * date, an owner and a review-due date; the roles each version is for, who must acknowledge it
 * once opened; the history of who acknowledged which version; and the sweep that reminds owners
 * when a review falls due. Owns `sop_documents`, `sop_versions`, `sop_files` and
 * `sop_acknowledgements` (migration 0035).
 */
export { sopRoutes } from './routes';
export { sopScope } from './scopes';
export { remindDueReviews, startSopReviewSweep, type ReviewReminder } from './reminders';
export { createSop, publishVersion } from './publish';
