import type { Db } from '../../platform/db';
import type { PlacedObject } from '../../platform/storage';
import { appError, type AppError } from '../../platform/errors';
import {
  instanceAttributes,
  seriesAttributes,
  seriesCache,
  studyAttributes,
  studyCache,
} from './attributes';
import type { ParsedHeader } from './header';
import { indexQueue, type IndexRow } from './indexQueue';
import type { IngestOrigin, StoreResult } from './service';
import type { IngestFlag } from './sopClassRules';

export interface IndexInput {
  header: ParsedHeader;
  ids: { sopClassUid: string; sopUid: string; studyUid: string; seriesUid: string };
  /** Deviations to flag its study with (study_flags, migration 0014). */
  flags: IngestFlag[];
  key: string;
  size: number;
  sha256: string;
  origin: IngestOrigin;
}

const originJson = (o: IngestOrigin) => ({
  door: o.door,
  calling_ae: o.callingAe ?? null,
  user_id: o.userId ?? null,
  remote_address: o.remoteAddress,
  request_id: o.requestId ?? null,
});

/** SQLSTATEs raised by `ingest_instance` (db/functions/ingest_instance.sql) and what they mean to a sender. */
const REFUSALS: Record<string, () => AppError> = {
  TL001: () => appError('STUDY_OTHER_CLINIC'),
  TL002: () =>
    appError(
      'DICOM_UID_CONFLICT',
      undefined,
      'This SOP Instance UID is already stored in another study or series.',
    ),
  TL003: () =>
    appError(
      'DICOM_UID_CONFLICT',
      undefined,
      'This Series Instance UID already belongs to another study.',
    ),
};

/**
 * The arguments of `ingest_instance` for one object, as JSON text: the attributes it indexes,
 * and the header it stores as it is (db/functions/ingest_instance.sql).
 */
export function indexPayload(input: IndexInput): { payload: string; metadata: string } {
  const { header, ids, origin } = input;
  const ds = header.dataset;
  const payload = JSON.stringify({
    study_uid: ids.studyUid,
    series_uid: ids.seriesUid,
    sop_uid: ids.sopUid,
    sop_class_uid: ids.sopClassUid,
    transfer_syntax_uid: header.meta.transferSyntaxUid,
    clinic_id: origin.clinicId,
    study: studyAttributes(ds),
    series: seriesAttributes(ds),
    instance: instanceAttributes(ds),
    size_bytes: input.size,
    sha256: input.sha256,
    storage_key: input.key,
    study_attributes: studyCache(ds),
    series_attributes: seriesCache(ds),
    origin: originJson(origin),
    // A CAD object (docs/adr/0041): indexed without restarting its study's stability.
    ...(origin.cad ? { cad: true } : {}),
    // Absent when clean: the function skips its flag insert without looking further.
    ...(input.flags.length ? { flags: input.flags } : {}),
  });
  return { payload, metadata: JSON.stringify(ds) };
}

/**
 * Writes the index rows of an object in one database statement (`ingest_instance`): the study
 * (created, or locked and checked to belong to the sending clinic), the series, the instance (a
 * new version when the SOP Instance UID is known with other bytes), the counters and attribute
 * caches, and the ingest event.
 *
 * The statement commits only once the durable bytes have their name (`placed`), alongside the
 * directory flush (`durable`): a committed row thus never names bytes that are not durable. If
 * the machine stops before the rename is durable, the bytes are whole in `staging/` and
 * `recoverStaging()` gives them their name at the next start (docs/adr/0004). The statement
 * itself may run earlier, while the bytes flush, and wait for its commit; writes from
 * concurrent arrivals share statements (`IndexQueue`, docs/adr/0007 and 0009).
 */
export async function indexInstance(
  db: Db,
  input: IndexInput,
  placed: PlacedObject,
): Promise<StoreResult> {
  const { header, ids } = input;
  let r: IndexRow;
  try {
    r = await indexQueue(db).write(
      { ...indexPayload(input), studyUid: ids.studyUid, sopUid: ids.sopUid, size: input.size },
      placed,
    );
  } catch (e) {
    const refusal = REFUSALS[(e as { code?: string }).code ?? ''];
    if (refusal) throw refusal();
    throw e;
  }
  return {
    outcome: r.outcome,
    instanceId: r.instance_id,
    studyId: r.study_id,
    version: r.version,
    studyUid: ids.studyUid,
    seriesUid: ids.seriesUid,
    sopUid: ids.sopUid,
    sopClassUid: ids.sopClassUid,
    transferSyntaxUid: header.meta.transferSyntaxUid,
    size: input.size,
    sha256: input.sha256,
    flags: r.outcome === 'duplicate' ? [] : input.flags,
  };
}

/** Records a refused object in the ingest history (best effort: the database may be the cause). */
export async function recordRefusal(
  db: Db,
  origin: IngestOrigin,
  ids: { studyUid: string; sopUid: string } | undefined,
  e: AppError,
): Promise<void> {
  await db
    .insertInto('ingest_events')
    .values({
      door: origin.door,
      clinic_id: origin.clinicId,
      calling_ae: origin.callingAe ?? null,
      user_id: origin.userId ?? null,
      remote_address: origin.remoteAddress,
      request_id: origin.requestId ?? null,
      study_id: null,
      instance_id: null,
      study_uid: ids?.studyUid ?? null,
      sop_uid: ids?.sopUid ?? null,
      outcome: 'refused',
      reason: `${e.code}: ${e.message}`.slice(0, 500),
    })
    .execute();
}
