import { sql, type ControlledTransaction } from 'kysely';
import type { Database, Db } from '../../platform/db';
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
import type { IngestOrigin, StoreResult } from './service';

interface IndexInput {
  header: ParsedHeader;
  ids: { sopClassUid: string; sopUid: string; studyUid: string; seriesUid: string };
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

/** SQLSTATEs raised by `ingest_instance` (db/migrations/0005) and what they mean to a sender. */
const REFUSALS: Record<string, () => AppError> = {
  TL001: () => appError('STUDY_OTHER_CLINIC'),
  TL002: () =>
    appError(
      'DICOM_SOP_CLASS_MISMATCH',
      undefined,
      'This SOP Instance UID is already stored in another study.',
    ),
  TL003: () =>
    appError(
      'DICOM_SOP_CLASS_MISMATCH',
      undefined,
      'This Series Instance UID already belongs to another study.',
    ),
};

/** A transaction opened for one object's index rows before they are known (`openIndexTransaction`). */
export type IndexTransaction = Promise<ControlledTransaction<Database>>;

/**
 * Sends BEGIN at once, so its round trip overlaps the header parse that must come before the
 * rows can be written. The caller hands it to `indexInstance`, or to `abandonIndexTransaction`
 * when the object is refused first.
 */
export function openIndexTransaction(db: Db): IndexTransaction {
  const trx = db.startTransaction().execute();
  trx.catch(() => undefined); // observed by indexInstance or abandonIndexTransaction
  return trx;
}

/** Rolls back a transaction that `indexInstance` never received. */
export async function abandonIndexTransaction(trx: IndexTransaction): Promise<void> {
  await trx.then((t) => t.rollback().execute()).catch(() => undefined);
}

/**
 * Writes the index rows of an object in one database call (`ingest_instance`): the study
 * (created, or locked and checked to belong to the sending clinic), the series, the instance (a
 * new version when the SOP Instance UID is known with other bytes), the counters and attribute
 * caches, and the ingest event.
 *
 * The object is still being given its name: the rows are written in the open transaction
 * `trx` while its bytes flush, COMMIT is sent once they have their name (`placed`), and the WAL
 * flush of the commit runs alongside the directory flush (`durable`). A committed row thus never
 * names bytes that are not durable; if the machine stops before the rename is durable, the
 * bytes are whole in `staging/` and `recoverStaging()` gives them their name at the next start
 * (docs/adr/0004).
 */
export async function indexInstance(
  input: IndexInput,
  object: { placed: PlacedObject; trx: IndexTransaction },
): Promise<StoreResult> {
  const { header, ids, origin } = input;
  const ds = header.dataset;
  const payload = {
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
    metadata: ds,
    study_attributes: studyCache(ds),
    series_attributes: seriesCache(ds),
    origin: originJson(origin),
  };
  type Row = {
    outcome: StoreResult['outcome'];
    instance_id: string;
    study_id: string;
    version: number;
  };
  const call = sql<{ r: Row }>`select ingest_instance(${JSON.stringify(payload)}::jsonb) as r`;
  let r: Row;
  try {
    const trx = await object.trx;
    try {
      r = (await call.execute(trx)).rows[0]!.r;
      await object.placed.placed;
      await Promise.all([trx.commit().execute(), object.placed.durable]);
    } catch (e) {
      await trx
        .rollback()
        .execute()
        .catch(() => undefined);
      throw e;
    }
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
