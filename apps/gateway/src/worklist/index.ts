import type { WorklistEntry } from '@telerad/dicom';
import type { WorklistCache } from './cache';
import type { LocalOrder, Outbox } from './outbox';

export { WorklistCache, WORKLIST_CACHE_FILE } from './cache';
export { Outbox, OUTBOX_DIR, countWaitingOrders, type LocalOrder } from './outbox';
export { WorklistSync, type SyncResult } from './sync';

/** A locally registered order as the worklist serves it, until the centre's list carries it. */
export function localEntry(o: LocalOrder): WorklistEntry {
  const { order } = o;
  return {
    accessionNumber: order.accessionNumber,
    patientId: order.patientId,
    issuer: order.issuer,
    // DICOM PN, `FAMILY^Given`, as the centre writes it.
    patientName: order.givenName ? `${order.familyName}^${order.givenName}` : order.familyName,
    birthDate: order.birthDate,
    sex: order.sex,
    modality: order.modality,
    stationAeTitle: order.stationAeTitle,
    scheduledDate: order.scheduledDate ?? '',
    scheduledTime: order.scheduledTime,
    studyInstanceUid: o.studyInstanceUid,
    views: order.views,
    priority: order.priority,
    note: order.note,
  };
}

/**
 * What the gateway's modality worklist answers from: the centre's last list (from the cache on
 * disk, so it answers with no link), then the orders registered here that the centre has not
 * taken yet. An order already in the centre's list (the same Study Instance UID) is served once.
 */
export function gatewayWorklist(cache: WorklistCache, outbox: Outbox): WorklistEntry[] {
  const centre: WorklistEntry[] = (cache.worklist?.items ?? []).map(
    ({ orderId: _orderId, ...entry }) => entry,
  );
  const known = new Set(centre.map((e) => e.studyInstanceUid));
  return [
    ...centre,
    ...outbox
      .waiting()
      .filter((o) => !known.has(o.studyInstanceUid))
      .map(localEntry),
  ];
}
