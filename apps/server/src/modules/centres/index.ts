/** Reading centres: time zone, weekly service hours, dated exceptions. */
export { centreRoutes } from './routes';
export { listCentres, getCentre, createCentre, updateCentre } from './service';
export {
  addServiceMinutes,
  earliestOpening,
  isOpen,
  localDate,
  localTime,
  nextClosing,
  nextOpening,
  openIntervals,
  serviceMinutesBetween,
  zonedTimeToUtc,
  type OpenInterval,
  type ServiceSchedule,
} from './serviceHours';
