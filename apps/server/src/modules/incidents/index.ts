/**
 * Incident management: reporting (anyone on staff, from anywhere, a study page included), the
 * investigation (owner, severity, root cause, corrective and preventive actions), the one state
 * machine open → investigating → resolved → closed, the timeline of every change and comment, and
 * the lessons-learned knowledge base (full-text search). Owns `incidents`, `incident_links`,
 * `incident_events`, `incident_actions` and `incident_lessons` (migration 0029).
 */
export { incidentRoutes } from './routes';
export { incidentScope } from './scopes';
export { reportIncident } from './service';
export { listIncidents, loadIncident, openIncidentCounts, searchLessons } from './queries';
