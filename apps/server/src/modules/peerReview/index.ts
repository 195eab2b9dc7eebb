/** Peer review: programmes as data, sampling at finalisation, RADPEER scores, discrepancy cases. */
export { peerReviewRoutes, type PeerReviewRouteOptions } from './routes';
export { wirePeerReview, unwirePeerReview } from './wiring';
export { chooseForReview, seededDraw, type Choice, type Draw, type ReadFacts } from './selection';
export { sampleFinalisedRead, activeProgrammes } from './sampling';
export { discrepancyScope, peerReviewProgrammeScope } from './scopes';
export { pilotSecondReads, type PilotSecondReads } from './pilot';
