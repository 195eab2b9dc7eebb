/**
 * The assistant's desk: one inbox across an assistant's clinics, merged from each feature's
 * desk source and sorted by how long each item has waited. Owns no table: every item is read
 * from the module that owns it.
 */
export { deskRoutes } from './routes';
export { listDesk, deskClinics, byWaited } from './service';
export { DESK_SOURCES, type DeskSource, type DeskSourceQuery } from './sources';
