/**
 * Critical results (owns `critical_results`): a report flagged critical alerts its clinic on
 * release, a named clinic user acknowledges it, and an alert nobody acknowledges escalates to the
 * clinic's assistants, then to the supervisors of the centre that read it.
 */
export { criticalRoutes } from './routes';
export { flagCritical, alertOnRelease, type NewCriticalFlag } from './alerts';
export { acknowledgeCritical, criticalOfReports, listCriticalResults } from './service';
export { escalateCriticalResults, type CriticalEscalationStep } from './escalation';
export { listCriticalDeskItems } from './desk';
export { getCriticalSettings, putCriticalSettings, CRITICAL_SETTINGS_KEY } from './settings';
export { criticalResultScope } from './scopes';
export { startCriticalSweep } from './sweep';
