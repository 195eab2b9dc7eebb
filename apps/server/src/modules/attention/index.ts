/**
 * "Needs attention": stored studies flagged at ingest (no Patient ID, IOD deviations, no pixel
 * data, new versions), identity corrections and flag reviews. Owns patient_identity_corrections
 * and study_flag_reviews; study_flags is written by ingest (ingest_instance) and read here.
 */
export { attentionRoutes } from './routes';
export { listAttention, OPEN_ATTENTION } from './list';
export { correctIdentity, reviewFlags } from './identity';
export { releaseStudy } from './release';
export { listAttentionDeskItems } from './deskItems';
export { matchStudyByHand } from './orderMatch';
