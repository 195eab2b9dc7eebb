/** QC re-reading of clinic-read images: sampling rules, blind re-reads, agreement and kappa. */
export { qcRoutes, type QcRouteOptions } from './routes';
export { recordClinicRead, type ClinicReadInput } from './clinicReads';
export { choosesForQc, type QcDraw } from './sampling';
export { samplingFor } from './rules';
export { takeClinicSr, wireClinicSrReads, unwireClinicSrReads } from './srReads';
export { readClinicSr, type SrRead } from './srRead';
