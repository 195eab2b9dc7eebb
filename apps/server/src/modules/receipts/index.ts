/**
 * Clinic receipts of released reports (issue 17): when the clinic first and last viewed and
 * downloaded each report version, by whom and how often. Owns `report_receipts`.
 */
export {
  recordReceipts,
  receiptsOf,
  receiptKey,
  openedByClinic,
  isClinicSide,
  type Receipt,
} from './service';
export { noteClinicReceipts, recordClinicReceipts } from './requestReceipts';
export { listUnopenedReportDeskItems } from './deskItems';
