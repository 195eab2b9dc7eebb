/** Structured reports: drafts, signing, retakes, consultations, addenda and the clinic's reads. */
export { reportRoutes, type ReportRouteOptions } from './routes';
export { wireRetakes } from './retakes';
export {
  REPORT_RELEASED_QUEUE,
  reportReleaseQueue,
  type ReleaseQueue,
  type ReportReleasedJob,
} from './jobs';
export { getConsultationRules, putConsultationRules, CONSULTATION_RULES_KEY } from './rules';
export { signReport, type SignRequest } from './signing';
export { saveDraft, getTaskReport } from './drafts';
export { settleConsultation, getConsultation, type ConsultationDecision } from './consultation';
export { addAddendum, addendumInTransaction } from './addenda';
export { stepUpIfConfigured } from './signing';
export {
  abnormalReadSql,
  isAbnormalRead,
  resultKindsSql,
  onReadFinalised,
  type FinalisedRead,
  type FinalisedReadHandler,
} from './finalised';
export { getReport, listReports, studyReports } from './reads';
export { priorReports } from './priorReports';
export { reportScope } from './scopes';
