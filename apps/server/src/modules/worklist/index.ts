/** Reading worklist: tasks created from stable studies, routed by centre service hours. */
export { startStableStudyConsumer } from './consumer';
export { startStudyIntake, type StudyIntake } from './intake';
export {
  reconcileStableStudies,
  startStableStudyReconciler,
  type ReconcileCursor,
  type ReconcileResult,
} from './reconcile';
export {
  createPrimaryReadTask,
  recordRoutingDecision,
  type CreatePrimaryReadResult,
} from './tasks';
export {
  routeStudy,
  slaMinutesFor,
  type RoutableCentre,
  type RoutableClinic,
  type RouteInput,
  type RouteResult,
} from './routing';
export { getRoutingRules, putRoutingRules, ROUTING_RULES_KEY, type RulesSource } from './rules';
export { worklistRoutes, type WorklistRouteOptions } from './routes';
export { listWorklist, worklistTask, type WorklistClock } from './queries';
export { studyReadingStatuses, readingStatus } from './status';
export {
  lockStudyPrimaryRead,
  raiseStudyReadPriority,
  readHasStarted,
  retimeStudyRead,
  type RaisedRead,
} from './studyRead';
export {
  claimTask,
  claimNextTask,
  heartbeatTask,
  releaseTask,
  reassignTask,
  setTaskPriority,
} from './claims';
export { getOnShift, setOnShift, wireShiftPresence } from './shift';
export {
  completeTask,
  completeTasksInTransaction,
  turnaround,
  type Turnaround,
} from './completion';
export {
  loadTaskFacts,
  requireClaimant,
  taskCentreId,
  taskClinicId,
  type TaskFacts,
} from './taskFacts';
export { openConsultationTask } from './consultationTasks';
export { openReviewTask, type ReviewTaskRequest } from './reviewTasks';
export {
  cancelSecondOpinionTask,
  openSecondOpinionTask,
  type SecondOpinionTaskRequest,
} from './secondOpinionTasks';
export { createClaimedRead } from './claimedReads';
export {
  holdForImages,
  onImagesArrived,
  resumeAfterNewImages,
  type HeldForImages,
  type ImagesArrivedHandler,
} from './holds';
export {
  chooseAssignee,
  pushAssign,
  type AssignmentCandidate,
  type PushOptions,
} from './assignment';
export { rerouteClosedCentres, rerouteDecision, type RerouteDecision } from './reroute';
export {
  escalateDueTasks,
  SUPERVISOR_ROLES,
  type Escalation,
  type EscalationLevel,
} from './escalation';
export {
  changeRoutingInputs,
  reconcileRoutingInputs,
  reevaluateWaitingTasks,
  type Reevaluation,
} from './reevaluate';
export { readNowTask } from './readNow';
export { knownProgrammes } from './routingData';
export { raiseForCadTriage, type CadTriageFacts, type CadTriageOutcome } from './cadTriage';
export { sweepTasks, startTaskSweep, type SweepResult } from './sweep';
export { setTaskEventSink, emitTaskEvents, type TaskEventSink, type TaskChange } from './events';
export { taskScope } from './scopes';
export { listDueSoonDeskItems } from './deskItems';
