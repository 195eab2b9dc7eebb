/** Radiologist report cards: volume, turnaround, peer review, consultation and abnormal rates against peers. */
export { reportCardRoutes } from './routes';
export { reportCardScope } from './scopes';
export { listReportCards, getReportCard } from './service';
