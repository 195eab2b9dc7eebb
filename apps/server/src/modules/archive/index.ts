/** The archive's read side: studies, series and instances within the caller's clinic scope. */
export { searchStudies, searchSeries, searchInstances, getStudy, studyDetail } from './service';
export { archiveRoutes } from './routes';
export { setEffectiveIdentity } from './identity';
export { lastImages, trafficByDay, recentStudies } from './clinicTraffic';
export { findStudies, findSeries, findInstances, findStudy, scoped, studyHistory } from './repo';
export {
  hasWildcard,
  wildcardToLike,
  type StudyQuery,
  type SeriesQuery,
  type InstanceQuery,
  type DateRange,
  type StudyMatch,
  type SeriesMatch,
  type InstanceMatch,
} from './query';
export {
  QUERY_KEYS,
  QUERY_LEVELS,
  keyMatch,
  levelsFor,
  matchingKey,
  parseDateRange,
  type KeyMatch,
  type MatchKind,
  type QueryKey,
  type QueryLevel,
} from './queryKeys';
export { studyScope, seriesScope, instanceScope } from './scopes';
