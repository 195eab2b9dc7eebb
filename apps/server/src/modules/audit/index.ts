/** The audit trail search. Events are written through platform/audit. */
export { auditRoutes } from './routes';
export { searchAudit } from './service';
