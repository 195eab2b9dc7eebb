/** The archive's read side: studies, series and instances within the caller's clinic scope. */
export { searchStudies, searchSeries, searchInstances, getStudy, studyDetail } from './service';
export { archiveRoutes } from './routes';
export { setEffectiveIdentity } from './identity';
export { findStudies, findSeries, findInstances, findStudy, scoped, studyHistory } from './repo';
export {
  hasWildcard,
  wildcardToLike,
  type StudyQuery,
  type SeriesQuery,
  type InstanceQuery,
  type DateRange,
} from './query';
export { studyScope, seriesScope, instanceScope } from './scopes';
