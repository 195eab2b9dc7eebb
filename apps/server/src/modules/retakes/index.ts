/**
 * Retakes and extra views (DOMAIN.md §4): the requests a reader sends a clinic (from a signed
 * grade-4 report or the reading screen), the clinic's named acknowledgement, the assistant's
 * chase, the re-queue when new images arrive, and the KPI rates. Owns `retake_requests` and the
 * `retake_rates_daily` view and `study_has_open_retake` function (migration 0025).
 */
export { retakeRoutes } from './routes';
export { openRetakeRequest, requestRetake, type NewRetakeRequest } from './requests';
export { acknowledgeRetake, chaseRetake } from './acknowledge';
export {
  listRetakeDeskItems,
  loadRetakeRequest,
  loadRetakeRequests,
  studyHasOpenRetake,
} from './queries';
export { fulfilOnNewImages } from './fulfil';
export { retakeRates } from './rates';
export { retakeScope } from './scopes';
