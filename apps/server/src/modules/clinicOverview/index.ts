/**
 * Support's clinic pages: the directory of clinics and each clinic's header and traffic. Owns no
 * table: it reads clinics, the archive, incidents (and, on the page, deliveries) through their
 * modules.
 */
export { clinicOverviewRoutes } from './routes';
export {
  clinicDirectory,
  clinicOverview,
  clinicTraffic,
  RECENT_STUDIES,
  TRAFFIC_DAYS,
} from './service';
