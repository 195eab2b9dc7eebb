/**
 * Delivery of released reports to the clinic (issue 5): the PDF, DICOM SR and Encapsulated PDF
 * by C-STORE to the clinic PACS, FHIR R4, and a signed webhook, each attempt tracked and retried.
 */
export { deliveryRoutes, type DeliveryRouteOptions } from './routes';
export { fhirRoutes, type FhirRouteOptions } from './fhirRoutes';
export { startReleaseConsumer, startDeliverySweep } from './consumer';
export {
  processRelease,
  runDelivery,
  runDueDeliveries,
  retryDelivery,
  planDeliveries,
  backoffSeconds,
  type DeliveryDeps,
  type DeliverySettings,
} from './runner';
export { loadReleasedReport, type ReleasedReport } from './load';
export { cstore, cecho, type StoreDestination, type StoreItem } from './dicomSend';
export { stowStore, stowProbe, type StowDestination } from './stowSend';
export { contentDisposition } from './service';
export { winAnsi } from './pdf';
export { webhookSignature, verifyWebhookSignature } from './webhook';

/** Settings when none are given (tests, tools): 8 attempts from 30 s, the default AE and port. */
export const DEFAULT_DELIVERY_SETTINGS = {
  maxAttempts: 8,
  retryBaseSeconds: 30,
  retryMaxSeconds: 3600,
  callingAe: 'TELERAD',
  publicUrl: 'http://localhost:8080',
} as const;
export { deliveryScope, hl7DestinationScope } from './scopes';
export { SOP as REPORT_SOP_CLASSES } from './dicomObjects';
export { CONCEPTS as SR_CONCEPTS, LOCAL_SCHEME, SIDE_CODES, ZONE_CODES, codeOf } from './srContent';
