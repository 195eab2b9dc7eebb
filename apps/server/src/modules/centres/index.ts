/** Reading centres: time zone, weekly service hours, dated exceptions. */
export { centreRoutes } from './routes';
export { listCentres, getCentre, createCentre, updateCentre } from './service';
