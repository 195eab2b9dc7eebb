import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { writeAudit } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { loadActor } from '../auth';
import { onStructuredReport, type CadSender, type DicomJson, type StoredReport } from '../ingest';
import { notifyEvent } from '../notifications';
import { findProduct } from './products';
import { recordCadResult } from './results';
import { CAD_HEATMAP_CLASSES, describedStudyUids, readCadSr } from './srReading';

/**
 * CAD objects in by DICOM (docs/adr/0041): what a CAD integration's AE sends by C-STORE (a
 * Chest CAD or Comprehensive SR, a heatmap Secondary Capture or GSPS) is stored through the one
 * ingest path, recorded in `cad_objects` against the study it describes, and read: an SR gives a
 * result through `recordCadResult` (source `dicom_sr`, the integration's own account acting), a
 * heatmap is linked to that result whichever arrives first.
 */

/** A CAD integration known by the calling AE title it sends from. */
export interface CadAe {
  integrationId: string;
  name: string;
  serviceUserId: string;
  clinicIds: string[];
}

/** The CAD integration `aeTitle` belongs to (migration 0055), with its account's clinics. */
export async function findCadByAe(db: Db, aeTitle: string): Promise<CadAe | undefined> {
  const row = await db
    .selectFrom('cad_integration_ae_titles as a')
    .innerJoin('cad_integrations as i', 'i.id', 'a.integration_id')
    .innerJoin('users as u', 'u.id', 'i.service_user_id')
    .select(['i.id', 'i.name', 'i.service_user_id'])
    .where('a.ae_title', '=', aeTitle.trim().toUpperCase())
    .where('u.active', '=', true)
    .executeTakeFirst();
  if (!row) return undefined;
  const clinics = await db
    .selectFrom('user_clinics')
    .select('clinic_id')
    .where('user_id', '=', row.service_user_id)
    .execute();
  return {
    integrationId: row.id,
    name: row.name,
    serviceUserId: row.service_user_id,
    clinicIds: clinics.map((c) => c.clinic_id),
  };
}

/**
 * The ingest sender of a CAD's AE: an object is taken only when the study it describes (its own
 * Study Instance UID, else the study its SR evidence names) is one of the integration's clinics'
 * studies; otherwise it is refused as CAD_STUDY_UNKNOWN, the same answer for an unknown study
 * and another clinic's, so a CAD learns nothing of studies outside its clinics.
 */
export function cadSender(db: Db, cad: CadAe): CadSender {
  return {
    integrationId: cad.integrationId,
    async describe(ids, dataset: DicomJson) {
      const candidates = describedStudyUids(ids.studyUid, dataset);
      const rows = cad.clinicIds.length
        ? await db
            .selectFrom('studies')
            .select(['study_uid', 'clinic_id'])
            .where('study_uid', 'in', candidates)
            .where('clinic_id', 'in', cad.clinicIds)
            .execute()
        : [];
      const found = candidates
        .map((uid) => rows.find((r) => r.study_uid === uid))
        .find((r) => r !== undefined);
      if (!found) throw appError('CAD_STUDY_UNKNOWN');
      return { clinicId: found.clinic_id, describedStudyUid: found.study_uid };
    },
  };
}

/** The context a CAD integration's account acts in for one object. */
async function cadContext(db: Db, integrationId: string, requestId: string | null) {
  const row = await db
    .selectFrom('cad_integrations')
    .select('service_user_id')
    .where('id', '=', integrationId)
    .executeTakeFirstOrThrow();
  // The integration's own service account: the AE title admitted it as the token does on HTTP.
  const actor = await loadActor(db, row.service_user_id, 'token');
  if (!actor) throw new Error('the CAD integration’s account is disabled');
  const ctx: ServiceContext = {
    actor,
    requestId: requestId ?? crypto.randomUUID(),
    ip: null,
    db,
  };
  return ctx;
}

/**
 * Takes one stored CAD object (the `cad` sender's handler in ingest). Its `cad_objects` row is
 * written first, marked unreadable until reading it succeeds, so a failure part-way still keeps
 * the object out of the reader's images and visible to support.
 */
export async function takeCadObject(db: Db, sr: StoredReport): Promise<void> {
  const cad = sr.origin.cad;
  if (!cad) return;
  const described = await db
    .selectFrom('studies')
    .select(['id', 'clinic_id', 'study_uid'])
    .where('study_uid', '=', sr.origin.describedStudyUid ?? sr.stored.studyUid)
    .executeTakeFirstOrThrow();
  const heatmap = CAD_HEATMAP_CLASSES.includes(sr.stored.sopClassUid);
  const object = await db
    .insertInto('cad_objects')
    .values({
      instance_id: sr.stored.instanceId,
      sop_instance_uid: sr.stored.sopUid,
      sop_class_uid: sr.stored.sopClassUid,
      integration_id: cad.integrationId,
      study_id: described.id,
      clinic_id: described.clinic_id,
      kind: heatmap ? 'heatmap' : 'sr',
      outcome: 'unreadable',
      reason: 'being read',
    })
    .onConflict((oc) => oc.column('instance_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!object) return;
  const settle = (
    outcome: 'result' | 'heatmap' | 'unknown_version' | 'unreadable',
    reason = '',
    resultId: string | null = null,
  ) =>
    db
      .updateTable('cad_objects')
      .set({ outcome, reason, result_id: resultId })
      .where('id', '=', object.id)
      .execute();

  const ctx = await cadContext(db, cad.integrationId, sr.origin.requestId ?? null);
  if (heatmap) {
    // The heatmap of the integration's latest result on this study that has none yet.
    const result = await db
      .selectFrom('cad_results')
      .select('id')
      .where('study_id', '=', described.id)
      .where('received_by', '=', ctx.actor!.userId)
      .where('heatmap_sop_instance_uid', 'is', null)
      .orderBy('received_at', 'desc')
      .executeTakeFirst();
    if (result) await linkHeatmap(ctx, result.id, sr.stored.sopUid, described.clinic_id);
    await settle('heatmap', result ? '' : 'waiting for its result', result?.id ?? null);
    return;
  }

  const reading = readCadSr(sr.dataset);
  if (!reading.ok) {
    await settle('unreadable', `Not taken as a CAD result: ${reading.reason}.`);
    await tellSupport(db, described, 'CAD SR', `it could not be read: ${reading.reason}`);
    return;
  }
  const product = await findProduct(db, reading.product.name, reading.product.version);
  if (!product) {
    const reason = `${reading.product.name} ${reading.product.version} is not a registered product version: register it, then ask the CAD to send the result again`;
    await settle('unknown_version', reason);
    await tellSupport(db, described, `${reading.product.name} ${reading.product.version}`, reason);
    return;
  }
  // A product that answers its error code in the score's place (CAD4TB −1) is read as the code.
  let { score, errorCode } = reading;
  if (score !== null && (score < product.scoreMin || score > product.scoreMax)) {
    const listed = product.errorCodes.find((e) => e.code === score);
    if (listed) [score, errorCode] = [null, listed.code];
  }
  // An unlinked heatmap this integration sent for the study, when the SR names none.
  const waiting = reading.heatmapSopUid
    ? null
    : await db
        .selectFrom('cad_objects')
        .select('sop_instance_uid')
        .where('study_id', '=', described.id)
        .where('integration_id', '=', cad.integrationId)
        .where('kind', '=', 'heatmap')
        .where('result_id', 'is', null)
        .orderBy('received_at', 'desc')
        .executeTakeFirst();
  const normalised = (s: number) =>
    product.higherIsAbnormal
      ? (s - product.scoreMin) / (product.scoreMax - product.scoreMin)
      : (product.scoreMax - s) / (product.scoreMax - product.scoreMin);
  ctx.audit = {
    action: 'cad.result',
    resourceType: 'cadResult',
    details: { door: 'dimse', sopInstanceUid: sr.stored.sopUid, callingAe: sr.origin.callingAe },
    written: false,
  };
  const imageKnown = reading.imageSopUid
    ? await db
        .selectFrom('instances')
        .select('id')
        .where('study_id', '=', described.id)
        .where('sop_uid', '=', reading.imageSopUid)
        .executeTakeFirst()
    : undefined;
  const accepted = await recordCadResult(
    ctx,
    {
      resultId: `sr:${sr.stored.sopUid}`,
      studyInstanceUid: described.study_uid,
      ...(imageKnown ? { sopInstanceUid: reading.imageSopUid! } : {}),
      product: reading.product,
      ...(score !== null ? { score } : { errorCode: errorCode! }),
      labels: reading.findings.slice(0, 100).map((f) => ({
        label: f.label,
        probability:
          f.probability ?? (score !== null ? Math.min(1, Math.max(0, normalised(score))) : 0),
        ...(f.point ? { point: f.point } : {}),
        ...(f.box ? { box: f.box } : {}),
      })),
      ...(reading.heatmapSopUid || waiting
        ? { heatmapSopInstanceUid: reading.heatmapSopUid ?? waiting!.sop_instance_uid }
        : {}),
    },
    'dicom_sr',
    new Date(),
  );
  await settle('result', '', accepted.result.id);
  if (waiting)
    await db
      .updateTable('cad_objects')
      .set({ result_id: accepted.result.id, reason: '' })
      .where('study_id', '=', described.id)
      .where('sop_instance_uid', '=', waiting.sop_instance_uid)
      .execute();
}

/** Names a heatmap on a result that has none, audited with it in one transaction. */
async function linkHeatmap(
  ctx: ServiceContext,
  resultId: string,
  sopUid: string,
  clinicId: string,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('cad_results')
      .set({ heatmap_sop_instance_uid: sopUid })
      .where('id', '=', resultId)
      .where('heatmap_sop_instance_uid', 'is', null)
      .execute();
    await writeAudit(
      { ...ctx, db: trx },
      {
        action: 'cad.heatmap.link',
        outcome: 'success',
        resourceType: 'cadResult',
        resourceId: resultId,
        clinicId,
        details: { heatmapSopInstanceUid: sopUid },
      },
    );
  });
}

/** Tells support a CAD object gave no result, and why (`cad.object_unread`). */
async function tellSupport(
  db: Db,
  study: { id: string; clinic_id: string; study_uid: string },
  product: string,
  reason: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const clinic = await trx
      .selectFrom('clinics')
      .select('code')
      .where('id', '=', study.clinic_id)
      .executeTakeFirstOrThrow();
    await notifyEvent(trx, {
      kind: 'cad.object_unread',
      facts: { clinic: clinic.code, product, reason, studyUid: study.study_uid },
      key: `${study.id}:${product}:${reason}`.slice(0, 200),
      clinicId: study.clinic_id,
    });
  });
}

/**
 * The SOP Instance UIDs of a study's CAD objects: not images a reader reads, so the viewer's
 * image list leaves them out.
 */
export async function cadObjectSopUids(db: Db, studyUid: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('cad_objects as o')
    .innerJoin('instances as i', 'i.id', 'o.instance_id')
    .innerJoin('studies as s', 's.id', 'i.study_id')
    .select('o.sop_instance_uid')
    .where('s.study_uid', '=', studyUid)
    .execute();
  return new Set(rows.map((r) => r.sop_instance_uid));
}

/** Has ingest hand every object a CAD integration's AE sends to `takeCadObject`. */
export function wireCadObjects(): void {
  onStructuredReport('cad', takeCadObject);
}

/** Stops taking CAD objects (tests). */
export function unwireCadObjects(): void {
  onStructuredReport('cad', null);
}
