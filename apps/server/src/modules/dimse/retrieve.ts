import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import type { ObjectStorage } from '../../platform/storage';
import { findInstances, findStudies } from '../archive';
import type { QueryModel } from './cfind';
import dimse, { type Association, type CStoreRequest } from './dimse';
import { T, levelOf, matchValue, uidList, type Identifier } from './identifier';
import { EXPLICIT_LE, IMPLICIT_LE } from './association';
import type { MoveDestination } from '../clinics';
import { loadCodecs } from '../transcode';
import { StoredDataset } from './storedDataset';

const { Status } = dimse.constants;

/** Most instances one C-MOVE or C-GET retrieves. */
export const MAX_RETRIEVE = 20000;

/** One stored instance to send. */
export interface RetrieveItem {
  sopClassUid: string;
  sopUid: string;
  transferSyntaxUid: string;
  storageKey: string;
}

/** Sub-operation counts of a retrieve (PS3.4 §C.4.2.1.6–C.4.2.1.9). */
export interface SubOperations {
  remaining: number;
  completed: number;
  failed: number;
  warning: number;
  failedUids: string[];
}

/**
 * Resolves a C-MOVE/C-GET identifier (PS3.4 §C.4.2.2.1, unique keys only) to the clinic's
 * current instances: PATIENT by Patient ID (Patient Root), STUDY by Study Instance UIDs, SERIES
 * by Series Instance UIDs, IMAGE by SOP Instance UIDs. Other clinics' objects never match.
 */
export async function resolveRetrieve(
  db: Db,
  clinicId: string,
  model: QueryModel,
  id: Identifier,
): Promise<RetrieveItem[]> {
  const scope = [clinicId];
  const level = levelOf(id);
  const base = { limit: MAX_RETRIEVE + 1, offset: 0 };
  let studyUids: (string | undefined)[] = [undefined];
  let query: { seriesUid?: string; sopUids?: string[] }[] = [{}];
  if (level === 'PATIENT' && model === 'patient') {
    const patientId = matchValue(id, T.patientId);
    if (!patientId) throw appError('VALIDATION_FAILED', undefined, 'Patient ID is required.');
    const studies = await findStudies(db, scope, { patientId, ...base });
    studyUids = studies.map((s) => s.study_uid);
  } else if (level === 'STUDY' || level === 'SERIES' || level === 'IMAGE') {
    const uids = uidList(id, T.studyUid);
    if (uids) studyUids = uids;
    if (level === 'STUDY' && !uids)
      throw appError('VALIDATION_FAILED', undefined, 'Study Instance UID is required.');
    if (level === 'SERIES') {
      const series = uidList(id, T.seriesUid);
      if (!series)
        throw appError('VALIDATION_FAILED', undefined, 'Series Instance UID is required.');
      query = series.map((seriesUid) => ({ seriesUid }));
    }
    if (level === 'IMAGE') {
      const sopUids = uidList(id, T.sopInstanceUid);
      if (!sopUids) throw appError('VALIDATION_FAILED', undefined, 'SOP Instance UID is required.');
      query = [{ sopUids }];
    }
  } else {
    throw appError('VALIDATION_FAILED', { level }, `Retrieve level "${level}" is not valid.`);
  }
  const items: RetrieveItem[] = [];
  for (const studyUid of studyUids) {
    for (const q of query) {
      const rows = await findInstances(db, scope, { studyUid, ...q, ...base });
      for (const r of rows)
        items.push({
          sopClassUid: r.sop_class_uid,
          sopUid: r.sop_uid,
          transferSyntaxUid: r.transfer_syntax_uid,
          storageKey: r.storage_key,
        });
      if (items.length > MAX_RETRIEVE)
        throw appError('SERVICE_UNAVAILABLE', undefined, `More than ${MAX_RETRIEVE} instances.`);
    }
  }
  return items;
}

/**
 * An outgoing C-STORE of a stored object: in its stored transfer syntax until
 * {@link StoredDataset.sendIn} chooses the one to send in from what the peer accepted.
 */
export async function storeRequestFor(
  storage: ObjectStorage,
  item: RetrieveItem,
): Promise<CStoreRequest> {
  return new dimse.requests.CStoreRequest(
    new StoredDataset(
      await storage.pathOf(item.storageKey),
      item.transferSyntaxUid,
      item.sopClassUid,
      item.sopUid,
    ),
  );
}

/** The dataset of a request {@link storeRequestFor} made. */
export const storedDatasetOf = (request: CStoreRequest): StoredDataset =>
  request.getDataset() as StoredDataset;

/** The transfer syntaxes an association accepted for a SOP class (PS3.8 §9.3.3.2). */
export function acceptedSyntaxes(association: Association, sopClassUid: string): string[] {
  return association
    .getPresentationContexts()
    .map(({ id }) => association.getPresentationContext(id))
    .filter(
      (pc) =>
        pc.getAbstractSyntaxUid() === sopClassUid &&
        pc.getResult() === dimse.constants.PresentationContextResult.Accept,
    )
    .map((pc) => pc.getAcceptedTransferSyntaxUid())
    .filter((ts): ts is string => ts !== undefined);
}

/** Counts a sub-operation's C-STORE status: success, warning (Bxxx) or failure. */
export function tally(ops: SubOperations, item: RetrieveItem, status: number | undefined): void {
  ops.remaining--;
  if (status === Status.Success) ops.completed++;
  else if (status !== undefined && (status & 0xf000) === 0xb000) ops.warning++;
  else {
    ops.failed++;
    ops.failedUids.push(item.sopUid);
  }
}

/**
 * The final status of a retrieve (PS3.4 §C.4.2.1.5): success when every sub-operation
 * succeeded, 0xB000 when some failed or warned, 0xA702 when all failed, 0xFE00 when cancelled.
 */
export function finalStatus(ops: SubOperations, cancelled: boolean): number {
  if (cancelled) return Status.Cancel;
  if (ops.failed === 0 && ops.warning === 0) return Status.Success;
  if (ops.completed === 0 && ops.warning === 0) return Status.OutOfResourcesSubOperations;
  return 0xb000;
}

/**
 * Runs the C-STORE sub-operations of a C-MOVE on a new association to the destination
 * (PS3.4 §C.4.2.3): for each SOP class and stored transfer syntax, a presentation context with
 * that syntax alone is proposed besides the uncompressed ones, so objects go out byte for byte
 * when the destination accepts; otherwise each is transcoded, once the association is accepted,
 * to an accepted syntax the transcoding module produces without loss, and an object that cannot
 * be counts as a failed sub-operation.
 */
export async function moveToDestination(opts: {
  items: RetrieveItem[];
  storage: ObjectStorage;
  ourAe: string;
  destination: MoveDestination;
  originatorAe: string;
  originatorMessageId: number;
  onProgress: (ops: SubOperations) => void;
  isCancelled: () => boolean;
}): Promise<SubOperations> {
  const ops: SubOperations = {
    remaining: opts.items.length,
    completed: 0,
    failed: 0,
    warning: 0,
    failedUids: [],
  };
  await loadCodecs();
  const client = new dimse.Client();
  const proposed = new Set<string>();
  const pending = new Set<RetrieveItem>(opts.items);
  const requests = await Promise.all(opts.items.map((item) => storeRequestFor(opts.storage, item)));
  for (const [i, item] of opts.items.entries()) {
    const request = requests[i]!;
    const command = request.getCommandDataset();
    command.setElement('MoveOriginatorApplicationEntityTitle', opts.originatorAe);
    command.setElement('MoveOriginatorMessageID', String(opts.originatorMessageId));
    let status: number | undefined;
    request.on('response', (rsp: { getStatus(): number }) => {
      status = rsp.getStatus();
    });
    request.on('done', () => {
      if (!pending.delete(item)) return;
      tally(ops, item, status);
      opts.onProgress(ops);
      if (opts.isCancelled() && pending.size) {
        try {
          client.abort(); // C-CANCEL: stop the sub-operations still queued
        } catch {
          // the association is already gone
        }
      }
    });
    client.addRequest(request);
    const key = `${item.sopClassUid}|${item.transferSyntaxUid}`;
    if (!proposed.has(key)) {
      proposed.add(key);
      if (item.transferSyntaxUid === IMPLICIT_LE || item.transferSyntaxUid === EXPLICIT_LE)
        client.addAdditionalPresentationContext(
          new dimse.association.PresentationContext(0, item.sopClassUid, item.transferSyntaxUid),
          true,
        );
    }
  }
  // Emitted before dcmjs-dimse sends the first request: each object's syntax is chosen here.
  client.on('associationAccepted', (association: Association) => {
    for (const [i, item] of opts.items.entries())
      storedDatasetOf(requests[i]!).sendIn(acceptedSyntaxes(association, item.sopClassUid));
  });
  return new Promise((resolve) => {
    const finish = () => {
      for (const item of pending) tally(ops, item, undefined);
      pending.clear();
      resolve(ops);
    };
    client.on('closed', finish);
    client.on('networkError', () => undefined);
    client.send(
      opts.destination.host,
      opts.destination.port,
      opts.ourAe,
      opts.destination.aeTitle,
      {
        connectTimeout: 15_000,
        associationTimeout: 30_000,
        pduTimeout: 60_000,
      },
    );
    const socket = (
      client as unknown as { network?: { socket?: { setNoDelay(v: boolean): void } } }
    ).network?.socket;
    socket?.setNoDelay(true);
  });
}
