/**
 * The clinic portal: today's applicants in the clinic's words, and what a clinic asks of the
 * reader for a study (clinical note, receiving programme). Owns study_requests.
 */
export { portalRoutes } from './routes';
export { listApplicants } from './applicants';
export {
  applyOrderRequest,
  chosenProgramme,
  chosenProgrammes,
  getStudyRequest,
  setClinicalNote,
  setStudyProgramme,
} from './requests';
