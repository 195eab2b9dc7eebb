import type { Readable } from 'node:stream';
import { DicomStructureError, isValidUid } from '@telerad/dicom';
import type { Db } from '../../platform/db';
import { AppError, appError, toAppError } from '../../platform/errors';
import {
  ObjectTooLargeError,
  type DiskUsage,
  type ObjectStorage,
  type PlacedObject,
  type StagedObject,
} from '../../platform/storage';
import { readHeader, type DicomJson, type ParsedHeader } from './header';
import { noteArrival, recordRefusal as recordInboundRefusal } from '../monitor';
import { indexInstance, recordRefusal } from './indexer';
import { iodDeviations, patientDeviations, type IngestFlag } from './sopClassRules';
import { handOverStructuredReport } from './structuredReports';

/** The doors an object can come in by. */
export type IngestDoor = 'dimse' | 'stow' | 'gateway' | 'upload';

/**
 * A CAD integration sending by its own AE (docs/adr/0041). Its objects describe studies of
 * several clinics, so the clinic is found per object from the study it describes.
 */
export interface CadSender {
  integrationId: string;
  /**
   * The clinic and the study an object describes (its own Study Instance UID, else the study its
   * SR evidence names), among the integration's clinics; throws a catalogue error to refuse it.
   */
  describe(
    ids: { studyUid: string; sopClassUid: string },
    dataset: DicomJson,
  ): Promise<{ clinicId: string; describedStudyUid: string }>;
}

/** Where an object came from: the door, the clinic, who sent it and from where. */
export interface IngestOrigin {
  door: IngestDoor;
  /** The sending clinic; for a CAD sender, empty until the object's study is known. */
  clinicId: string;
  /** Set when a CAD integration sent it: a CAD object, never an image to read. */
  cad?: CadSender;
  /** For a CAD object: the Study Instance UID of the study it describes. */
  describedStudyUid?: string;
  callingAe?: string | null;
  userId?: string | null;
  remoteAddress: string | null;
  requestId?: string | null;
}

/** What storing one object did. */
export interface StoreResult {
  outcome: 'stored' | 'duplicate' | 'new_version';
  instanceId: string;
  studyId: string;
  studyUid: string;
  seriesUid: string;
  sopUid: string;
  sopClassUid: string;
  transferSyntaxUid: string;
  version: number;
  size: number;
  sha256: string;
  /** Why its study was flagged for a person (empty for a clean object or a duplicate). */
  flags: IngestFlag[];
}

/** What ingest needs from the process. */
export interface IngestDeps {
  db: Db;
  storage: ObjectStorage;
  /** New objects are refused while free disk is below this. */
  minFreeBytes: number;
  /** Largest object accepted. */
  maxObjectBytes: number;
}

const REQUIRED: [string, string][] = [
  ['00080016', 'SOP Class UID (0008,0016)'],
  ['00080018', 'SOP Instance UID (0008,0018)'],
  ['0020000D', 'Study Instance UID (0020,000D)'],
  ['0020000E', 'Series Instance UID (0020,000E)'],
];

/**
 * The identifying attributes, checked: present, valid UIDs (kept as sent: PS3.5 §9.1), meta
 * agreeing with the dataset. These are the only reasons a readable object is refused, with the
 * clinic check and a UID conflict: without them the archive cannot say what the object is.
 * A meta group (or C-STORE command) naming another SOP class or instance than the dataset is
 * such a case, as the object then has two identities.
 */
export function identify(h: ParsedHeader): {
  sopClassUid: string;
  sopUid: string;
  studyUid: string;
  seriesUid: string;
} {
  const get = (tag: string) => {
    const v = h.dataset[tag]?.Value?.[0];
    return typeof v === 'string'
      ? v.trim()
      : typeof v === 'object' && v
        ? String((v as { Alphabetic?: string }).Alphabetic ?? '').trim()
        : '';
  };
  const missing = REQUIRED.filter(([tag]) => !get(tag)).map(([, name]) => name);
  if (missing.length)
    throw appError(
      'DICOM_REQUIRED_MISSING',
      { missing },
      `The object lacks ${missing.join(', ')}.`,
    );
  const [sopClassUid, sopUid, studyUid, seriesUid] = [
    '00080016',
    '00080018',
    '0020000D',
    '0020000E',
  ].map(get) as [string, string, string, string];
  const bad = [sopClassUid, sopUid, studyUid, seriesUid].filter((u) => !isValidUid(u));
  if (bad.length)
    throw appError(
      'DICOM_INVALID_UID',
      { uids: bad },
      `Invalid UID ${bad.join(', ')}: UIDs are dot-separated numbers of at most 64 characters.`,
    );
  if (h.meta.mediaStorageSopClassUid && h.meta.mediaStorageSopClassUid !== sopClassUid) {
    throw appError(
      'DICOM_SOP_CLASS_MISMATCH',
      { meta: h.meta.mediaStorageSopClassUid, dataset: sopClassUid },
      `The file meta says SOP class ${h.meta.mediaStorageSopClassUid} but the dataset says ${sopClassUid}.`,
    );
  }
  if (h.meta.mediaStorageSopInstanceUid && h.meta.mediaStorageSopInstanceUid !== sopUid) {
    throw appError(
      'DICOM_SOP_CLASS_MISMATCH',
      { meta: h.meta.mediaStorageSopInstanceUid, dataset: sopUid },
      `The file meta says SOP instance ${h.meta.mediaStorageSopInstanceUid} but the dataset says ${sopUid}.`,
    );
  }
  return { sopClassUid, sopUid, studyUid, seriesUid };
}

/**
 * What is stored but deviates (missing Patient ID or Name, IOD deviations, no pixel data): the
 * reasons its study is flagged for a person, never a reason to refuse it (DESIGN.md §2).
 */
export function deviations(h: ParsedHeader, sopClassUid: string): IngestFlag[] {
  return [
    ...patientDeviations(h.dataset),
    ...iodDeviations(sopClassUid, h.dataset, h.pixelDataOffset !== null),
  ];
}

/** Free space is read at most this often; ENOSPC is still caught if the disk fills between reads. */
const USAGE_TTL_MS = 1000;
const usageCache = new WeakMap<ObjectStorage, { usage: DiskUsage; at: number }>();

async function diskUsage(storage: ObjectStorage): Promise<DiskUsage> {
  const hit = usageCache.get(storage);
  if (hit && Date.now() - hit.at < USAGE_TTL_MS) return hit.usage;
  const usage = await storage.usage();
  usageCache.set(storage, { usage, at: Date.now() });
  return usage;
}

/** How long a clinic's status is trusted before it is read again (a suspension applies within it). */
const CLINIC_STATUS_TTL_MS = 2000;
const clinicStatus = new Map<string, { status: string | null; at: number }>();

async function checkClinic(db: Db, clinicId: string): Promise<void> {
  let entry = clinicStatus.get(clinicId);
  if (!entry || Date.now() - entry.at > CLINIC_STATUS_TTL_MS) {
    const c = await db
      .selectFrom('clinics')
      .select('status')
      .where('id', '=', clinicId)
      .executeTakeFirst();
    entry = { status: c?.status ?? null, at: Date.now() };
    clinicStatus.set(clinicId, entry);
  }
  if (entry.status === null)
    throw appError('NOT_FOUND', undefined, 'The sending clinic is not registered.');
  if (entry.status === 'suspended') throw appError('CLINIC_SUSPENDED');
}

/** Forgets cached clinic statuses (tests that suspend a clinic, or an admin change). */
export function forgetClinicStatus(clinicId?: string): void {
  if (clinicId) clinicStatus.delete(clinicId);
  else clinicStatus.clear();
}

/**
 * The one ingest path (DESIGN.md §2): every door calls this with a Part 10 byte stream.
 *
 * 1. Refuses at once when the disk is below its free-space floor or the clinic is suspended.
 * 2. Streams the bytes to a staging file (never the whole object in memory), hashing them.
 * 3. Walks the structure and parses the header only (never pixel data); checks the identifying
 *    attributes.
 * 4. Once the bytes are durable, renames the file into its content-addressed place, then
 *    commits the index rows (one statement, run meanwhile or sent now) while the directory
 *    is flushed (docs/adr/0004, 0007, 0009, 0010). Only then does it return, so the caller's
 *    success (C-STORE status 0000, STOW 200) always follows durable bytes and index.
 *
 * Re-sent identical bytes are a no-op success; different bytes under a known SOP Instance UID
 * become a new version and the earlier one is kept. Refusals are recorded in the ingest history.
 * A new object is then handed to its sender's handler (`onStructuredReport`): a clinic's SR to
 * qc, a CAD's object to cad. A CAD object (`origin.cad`) is indexed without restarting its
 * study's stability, so it never re-opens a read or creates one (docs/adr/0041).
 */
export async function storeInstance(
  deps: IngestDeps,
  source: Readable,
  origin: IngestOrigin,
): Promise<StoreResult> {
  let staged: StagedObject | undefined;
  let placing: PlacedObject | undefined;
  let ids: ReturnType<typeof identify> | undefined;
  let stored: StoreResult;
  let header: ParsedHeader;
  try {
    const usage = await diskUsage(deps.storage);
    if (usage.freeBytes < deps.minFreeBytes)
      throw appError('STORAGE_FULL', { freeBytes: usage.freeBytes, floorBytes: deps.minFreeBytes });
    // A CAD's object names its clinic only through its study: checked once the header is read.
    if (!origin.cad) await checkClinic(deps.db, origin.clinicId);
    staged = await deps.storage.stage(source, deps.maxObjectBytes);
    if (staged.size > usage.freeBytes - deps.minFreeBytes) throw appError('STORAGE_FULL');
    // The header is parsed while the staged bytes flush to disk.
    header = readHeader(staged.tempPath, staged.size, staged.head);
    staged.head = []; // not needed any more: let it go before the waits below
    ids = identify(header);
    if (origin.cad) {
      const described = await origin.cad.describe(ids, header.dataset);
      origin = { ...origin, ...described };
      await checkClinic(deps.db, origin.clinicId);
    }
    const flags = deviations(header, ids.sopClassUid);
    const { size, sha256 } = staged;
    placing = deps.storage.place(staged);
    const { key } = placing;
    stored = await indexInstance(
      deps.db,
      { header, ids, flags, key, size, sha256, origin },
      placing,
    );
  } catch (err) {
    const e = classify(err);
    // A refused object that already has its name stays, unreferenced, as before a failed index
    // commit; one that does not is dropped with its staging file.
    if (placing) await placing.placed.catch(() => undefined);
    if (staged) await deps.storage.discard(staged).catch(() => undefined);
    if (e.code !== 'SERVICE_UNAVAILABLE') {
      if (origin.clinicId) await recordRefusal(deps.db, origin, ids, e).catch(() => undefined);
      // Every door's refused objects reach the network monitor from here, once each.
      recordInboundRefusal(deps.db, {
        door: origin.door,
        kind: 'object',
        clinicId: origin.clinicId || null,
        callingAe: origin.callingAe ?? null,
        remoteAddress: origin.remoteAddress,
        userId: origin.userId ?? null,
        error: e,
      });
    }
    throw e;
  }
  // A CAD answering is not the clinic's link being alive: only a clinic's arrivals are noted.
  if (!origin.cad)
    noteArrival(deps.db, {
      clinicId: origin.clinicId,
      door: origin.door,
      studyUid: stored.studyUid,
      callingAe: origin.callingAe ?? null,
    });
  // Stored and committed: a clinic's SR is taken as its read (modules/qc), a CAD's object by
  // modules/cad; neither is refused here.
  await handOverStructuredReport(deps.db, { stored, dataset: header.dataset, origin });
  return stored;
}

/** Turns any failure into a catalogue error with a DIMSE status. */
function classify(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof DicomStructureError)
    return appError(
      'DICOM_UNREADABLE',
      { offset: err.offset },
      `The object is not readable DICOM: ${err.message}.`,
    );
  if (err instanceof ObjectTooLargeError)
    return appError('DICOM_TOO_LARGE', { maxBytes: err.maxBytes });
  const code = (err as { code?: string }).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return appError('STORAGE_FULL');
  return toAppError(err);
}
