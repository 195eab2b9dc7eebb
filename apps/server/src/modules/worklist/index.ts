/** Reading worklist: tasks created from stable studies, routed by centre service hours. */
export { startStableStudyConsumer } from './consumer';
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
export { getRoutingRules, ROUTING_RULES_KEY, type RulesSource } from './rules';
