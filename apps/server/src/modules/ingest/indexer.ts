import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { appError, type AppError } from '../../platform/errors';
import { instanceAttributes, seriesAttributes, studyAttributes } from './attributes';
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

const originColumns = (o: IngestOrigin) => ({
  door: o.door,
  clinic_id: o.clinicId,
  calling_ae: o.callingAe ?? null,
  user_id: o.userId ?? null,
  remote_address: o.remoteAddress,
  request_id: o.requestId ?? null,
});

/**
 * Commits the index rows of a durable object in one transaction: the study (created, or locked
 * and checked to belong to the sending clinic), the series, the instance (a new version when
 * the SOP Instance UID is known with other bytes), the study's counters, and the ingest event.
 */
export async function indexInstance(db: Db, input: IndexInput): Promise<StoreResult> {
  const { header, ids, origin } = input;
  const ds = header.dataset;
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('studies')
      .values({
        study_uid: ids.studyUid,
        clinic_id: origin.clinicId,
        ...studyAttributes(ds),
        stable_at: null,
      })
      .onConflict((oc) => oc.column('study_uid').doNothing())
      .execute();
    const study = await trx
      .selectFrom('studies')
      .select(['id', 'clinic_id'])
      .where('study_uid', '=', ids.studyUid)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (study.clinic_id !== origin.clinicId) throw appError('STUDY_OTHER_CLINIC');

    const existing = await trx
      .selectFrom('instances')
      .select(['id', 'sha256', 'version', 'study_id'])
      .where('sop_uid', '=', ids.sopUid)
      .where('current', '=', true)
      .forUpdate()
      .executeTakeFirst();
    const base = {
      studyId: study.id,
      studyUid: ids.studyUid,
      seriesUid: ids.seriesUid,
      sopUid: ids.sopUid,
      sopClassUid: ids.sopClassUid,
      transferSyntaxUid: header.meta.transferSyntaxUid,
      size: input.size,
      sha256: input.sha256,
    };
    if (existing && existing.sha256 === input.sha256) {
      await trx
        .insertInto('ingest_events')
        .values({
          ...originColumns(origin),
          study_id: study.id,
          instance_id: existing.id,
          study_uid: ids.studyUid,
          sop_uid: ids.sopUid,
          outcome: 'duplicate',
          reason: null,
        })
        .execute();
      return { ...base, outcome: 'duplicate', instanceId: existing.id, version: existing.version };
    }
    if (existing && existing.study_id !== study.id) {
      throw appError(
        'DICOM_SOP_CLASS_MISMATCH',
        undefined,
        'This SOP Instance UID is already stored in another study.',
      );
    }

    await trx
      .insertInto('series')
      .values({ study_id: study.id, series_uid: ids.seriesUid, ...seriesAttributes(ds) })
      .onConflict((oc) => oc.column('series_uid').doNothing())
      .execute();
    const series = await trx
      .selectFrom('series')
      .select(['id', 'study_id'])
      .where('series_uid', '=', ids.seriesUid)
      .executeTakeFirstOrThrow();
    if (series.study_id !== study.id)
      throw appError(
        'DICOM_SOP_CLASS_MISMATCH',
        undefined,
        'This Series Instance UID already belongs to another study.',
      );

    if (existing)
      await trx
        .updateTable('instances')
        .set({ current: false })
        .where('id', '=', existing.id)
        .execute();
    const version = existing ? existing.version + 1 : 1;
    const inst = await trx
      .insertInto('instances')
      .values({
        study_id: study.id,
        series_id: series.id,
        sop_uid: ids.sopUid,
        sop_class_uid: ids.sopClassUid,
        transfer_syntax_uid: header.meta.transferSyntaxUid,
        ...instanceAttributes(ds),
        size_bytes: input.size,
        sha256: input.sha256,
        storage_key: input.key,
        version,
        metadata: JSON.stringify(ds),
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    await sql`update series set num_instances = (select count(*) from instances where series_id = ${series.id} and current) where id = ${series.id}`.execute(
      trx,
    );
    await sql`
      update studies s set
        num_instances = c.n, num_series = c.series, size_bytes = c.bytes, modalities = c.modalities,
        last_received_at = now(), stable_at = null
      from (
        select count(*) as n, count(distinct i.series_id) as series, coalesce(sum(i.size_bytes), 0) as bytes,
               coalesce(array_agg(distinct se.modality) filter (where se.modality is not null), '{}') as modalities
        from instances i join series se on se.id = i.series_id
        where i.study_id = ${study.id} and i.current
      ) c
      where s.id = ${study.id}`.execute(trx);
    const outcome = existing ? 'new_version' : 'stored';
    await trx
      .insertInto('ingest_events')
      .values({
        ...originColumns(origin),
        study_id: study.id,
        instance_id: inst.id,
        study_uid: ids.studyUid,
        sop_uid: ids.sopUid,
        outcome,
        reason: existing ? `replaces version ${existing.version}` : null,
      })
      .execute();
    return { ...base, outcome, instanceId: inst.id, version };
  });
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
      ...originColumns(origin),
      study_id: null,
      instance_id: null,
      study_uid: ids?.studyUid ?? null,
      sop_uid: ids?.sopUid ?? null,
      outcome: 'refused',
      reason: `${e.code}: ${e.message}`.slice(0, 500),
    })
    .execute();
}
