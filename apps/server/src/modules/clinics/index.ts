/** Clinics: code, programmes, calling AE titles, lifecycle, assistants. */
export { clinicRoutes } from './routes';
export { listClinics, getClinic, createClinic, updateClinic } from './service';
export {
  loadClinics,
  replaceAeTitles,
  replaceAssistants,
  findClinicByAe,
  findMoveDestination,
  type MoveDestination,
} from './repo';
export { clinicScopeResolver } from './scopes';
