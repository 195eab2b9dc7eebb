/** Readiness of the database and storage. */
export { healthRoutes } from './routes';
