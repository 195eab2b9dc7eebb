/** Clinics: code, programmes, calling AE titles, lifecycle, assistants, contacts. */
export { clinicRoutes } from './routes';
export { listClinics, getClinic, createClinic, updateClinic } from './service';
export {
  loadClinics,
  replaceAeTitles,
  replaceAssistants,
  replaceContacts,
  findClinicByAe,
  findMoveDestination,
  type MoveDestination,
} from './repo';
export { clinicScopeResolver } from './scopes';
export {
  onClinicCreated,
  clinicStatusOf,
  lockClinicStatus,
  setClinicStatus,
  type ClinicCreatedHandler,
} from './lifecycle';
