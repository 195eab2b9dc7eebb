/** Second opinions: a question about a study for a consultant, answered by a signed consult note. */
export { secondOpinionRoutes, type SecondOpinionRouteOptions } from './routes';
export { secondOpinionScope } from './scopes';
export { getSecondOpinionSla, putSecondOpinionSla, SECOND_OPINION_SLA_KEY } from './sla';
