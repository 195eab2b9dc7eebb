import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import type { FileScope, ObjectStorage } from '../../platform/storage';
import { findInstances, findStudies } from '../archive';
import type { QueryModel } from './cfind';
import dimse, { type Association, type CStoreRequest } from './dimse';
import { T, levelOf, matchValue, uidList, type Identifier } from './identifier';
import { EXPLICIT_LE, IMPLICIT_LE } from './association';
import type { MoveDestination } from '../clinics';
import { StoredDataset } from './storedDataset';
import { OutgoingAssociation } from './outgoing';

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
 * {@link StoredDataset.sendIn} chooses the one to send in from what the peer accepted. The
 * file is read when the request is sent, so `files` must be the scope the sending runs in.
 */
export async function storeRequestFor(
  files: FileScope,
  item: RetrieveItem,
): Promise<CStoreRequest> {
  return new dimse.requests.CStoreRequest(
    new StoredDataset(
      await files.pathOf(item.storageKey),
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
 * Gets a sub-operation's object ready to go out on `association`: chooses, among the syntaxes
 * the peer accepted for its SOP class, the one to send in ({@link StoredDataset.sendIn}) and,
 * when that is not the stored one, transcodes it now on the transcoding thread, so the library
 * sends bytes already in the accepted syntax and does no conversion on the event loop. False
 * when it cannot be sent (no accepted syntax it can be produced in, or it cannot be decoded):
 * the sub-operation fails and the retrieve goes on.
 */
export async function prepareToSend(
  association: Association,
  item: RetrieveItem,
  request: CStoreRequest,
): Promise<boolean> {
  const dataset = storedDatasetOf(request);
  const ts = dataset.sendIn(acceptedSyntaxes(association, item.sopClassUid));
  if (!ts) return false;
  if (ts === item.transferSyntaxUid) return true;
  try {
    await dataset.prepareAsync();
    return true;
  } catch {
    return false;
  }
}

/**
 * The presentation contexts a C-MOVE proposes to its destination: per SOP class, one with the
 * uncompressed syntaxes, and per stored syntax of that class, one with that syntax alone, so
 * objects go out byte for byte when the destination accepts it.
 */
export function moveAssociation(ourAe: string, destinationAe: string, items: RetrieveItem[]) {
  const association = new dimse.association.Association(ourAe, destinationAe);
  const classes = new Set<string>();
  const proposed = new Set<string>();
  for (const item of items) {
    if (!classes.has(item.sopClassUid)) {
      classes.add(item.sopClassUid);
      const pc = association.addPresentationContext(item.sopClassUid);
      association.addTransferSyntaxToPresentationContext(pc, IMPLICIT_LE);
      association.addTransferSyntaxToPresentationContext(pc, EXPLICIT_LE);
    }
    const key = `${item.sopClassUid}|${item.transferSyntaxUid}`;
    if (!proposed.has(key)) {
      proposed.add(key);
      const pc = association.addPresentationContext(item.sopClassUid);
      association.addTransferSyntaxToPresentationContext(pc, item.transferSyntaxUid);
    }
  }
  return association;
}

/** What {@link moveToDestination} needs. */
export interface MoveOptions {
  items: RetrieveItem[];
  storage: ObjectStorage;
  ourAe: string;
  destination: MoveDestination;
  originatorAe: string;
  originatorMessageId: number;
  onProgress: (ops: SubOperations) => void;
  isCancelled: () => boolean;
}

/**
 * Runs the C-STORE sub-operations of a C-MOVE on a new association to the destination
 * (PS3.4 §C.4.2.3), one object at a time: each is made ready ({@link prepareToSend}: transcoded
 * on the transcoding thread when the destination did not accept its stored syntax) while the
 * one before it is sent, and an object that cannot be sent counts as a failed sub-operation.
 * A C-CANCEL stops the objects not yet sent; the association is then released.
 */
export async function moveToDestination(opts: MoveOptions): Promise<SubOperations> {
  const { items } = opts;
  const ops: SubOperations = {
    remaining: items.length,
    completed: 0,
    failed: 0,
    warning: 0,
    failedUids: [],
  };
  let link: OutgoingAssociation;
  try {
    link = await OutgoingAssociation.open(
      opts.destination.host,
      opts.destination.port,
      moveAssociation(opts.ourAe, opts.destination.aeTitle, items),
      { connectTimeout: 15_000, associationTimeout: 30_000, pduTimeout: 60_000 },
    );
  } catch {
    for (const item of items) tally(ops, item, undefined);
    return ops;
  }
  const ready = async (files: FileScope, item: RetrieveItem) => {
    try {
      const request = await storeRequestFor(files, item);
      const command = request.getCommandDataset();
      command.setElement('MoveOriginatorApplicationEntityTitle', opts.originatorAe);
      command.setElement('MoveOriginatorMessageID', String(opts.originatorMessageId));
      return (await prepareToSend(link.association, item, request)) ? request : undefined;
    } catch {
      return undefined; // the stored object cannot be read: this sub-operation fails
    }
  };
  // Every file stays on disk until the association's last sub-operation has been sent.
  await opts.storage.withFiles(async (files) => {
    let next: Promise<CStoreRequest | undefined> | undefined = ready(files, items[0]!);
    for (const [i, item] of items.entries()) {
      if (opts.isCancelled()) break;
      const request = await next!;
      next = i + 1 < items.length ? ready(files, items[i + 1]!) : undefined;
      tally(ops, item, request ? await link.send(request) : undefined);
      opts.onProgress(ops);
    }
    await next;
  });
  await link.release();
  // Objects not sent (cancelled, or the association ended) count as failed.
  for (const item of items.slice(items.length - ops.remaining)) tally(ops, item, undefined);
  return ops;
}
