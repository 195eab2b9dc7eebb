/**
 * Orders (expected CXRs): what a clinic registers before the image is taken, from the portal's
 * form or a day's CSV list. Owns `orders` (migration 0044). Matching to studies, the modality
 * worklist, HL7 v2 and FHIR build on `insertOrder` and the queries here.
 */
export { orderRoutes } from './routes';
export {
  accessionTaken,
  createOrder,
  externalIdTaken,
  insertOrder,
  loadOrderClinic,
  lockClinicOrders,
  type OrderClinic,
} from './create';
export { importOrders } from './import';
export { cancelOrder } from './cancel';
export { cancelExternalOrder, findExternalOrder } from './external';
export { findDuplicates, getOrder, listOrders, orderOfStudy, ordersByIdentifier } from './queries';
export { matchedStudyUid, toOrder, type OrderRow } from './rows';
export { orderCandidates } from './candidates';
export { listOverdueOrderDeskItems, listUnmatchedImageDeskItems } from './deskItems';
export { orderScope } from './scopes';
export {
  worklistEntries,
  worklistEntriesQuery,
  toWorklistEntry,
  WORKLIST_DAYS_AFTER,
  WORKLIST_DAYS_BEFORE,
  WORKLIST_OPEN_RANGE_DAYS,
  type OrderWorklistEntry,
  type WorklistWindow,
} from './worklistEntries';
export { matchStudyToOrder, recordMatch, type MatchDecision } from './matching';
export { scheduledOrdersTag } from './scheduled';
export { resultOrderOfStudy, type StudyOrder } from './resultOrder';
