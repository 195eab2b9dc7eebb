/** The one ingest path: every door stores objects through `storeInstance`. */
export {
  storeInstance,
  identify,
  forgetClinicStatus,
  type CadSender,
  type IngestDeps,
  type IngestOrigin,
  type IngestDoor,
  type StoreResult,
} from './service';
export { readHeader, type DicomJson, type DicomJsonElement, type ParsedHeader } from './header';
export {
  markStableStudies,
  startStabilityWatcher,
  sweepStableStudies,
  STUDY_STABLE_QUEUE,
  STUDY_FORWARD_QUEUE,
  type StabilityFaults,
  type StudyStableEvent,
} from './stability';
export { recoverStaging } from './recovery';
export {
  flagStudy,
  onStructuredReport,
  senderOf,
  type ObjectSender,
  type StoredReport,
  type StructuredReportHandler,
} from './structuredReports';
export { normaliseName } from './attributes';
export { isStructuredReport, SR_SOP_CLASSES, type IngestFlag } from './sopClassRules';
export { checkRecentObjects, type MissingObject, type RecentObjectsReport } from './recentObjects';
