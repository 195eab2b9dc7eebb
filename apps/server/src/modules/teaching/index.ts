/**
 * The teaching file: readers flag interesting cases; QA builds viewing sessions whose cases are
 * de-identified copies (PS3.15 Annex E basic profile through dcmjs, ADR 0030) stored through the
 * content-addressed storage and viewed in the same viewer under the teaching paths. Owns
 * `teaching_flags`, `teaching_sessions`, `teaching_cases` and `teaching_instances` (migration 0037).
 */
export { teachingRoutes, type TeachingRouteOptions } from './routes';
export { teachingCaseScope, teachingFlagScope, teachingSessionScope } from './scopes';
export { flagCase } from './flags';
export { createSession } from './sessions';
export { deidentifyObject, BASIC_PROFILE_REMOVED } from './deidentify';
