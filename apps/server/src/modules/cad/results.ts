import type { CadResultAccepted, CadResultPost, CadSource } from '@telerad/contracts';
import { auditWrite } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { clinicScope, inScope } from '../auth';
import { notifyEvent } from '../notifications';
import { emitTaskEvents, raiseForCadTriage } from '../worklist';
import { loadCadResults } from './latest';
import { findProduct } from './products';
import { cadProgrammes } from './programmes';
import { thresholdKey, thresholdsInForce } from './thresholds';

/**
 * The idempotency key of a result: the CAD's own result id, else the image it scored, else the
 * study as a whole (one result per study, product version and key).
 */
export const resultKey = (r: Pick<CadResultPost, 'resultId' | 'sopInstanceUid'>): string =>
  r.resultId !== undefined
    ? `id:${r.resultId}`
    : r.sopInstanceUid
      ? `image:${r.sopInstanceUid}`
      : 'study';

/**
 * Stores one CAD result (docs/adr/0027), in one transaction with its audit event and its
 * effects, so a refused result leaves nothing changed:
 * - the study must be known and inside the caller's clinics (CAD_STUDY_UNKNOWN either way, so a
 *   CAD cannot learn of another clinic's studies), the image (if named) one of its instances;
 * - the product version must be registered (CAD_PRODUCT_UNKNOWN) and the score on its scale;
 * - a re-post with the same key answers the stored result, `created: false`, and does nothing;
 * - an error code leaves the study in the normal queue and tells support (`cad.result_error`);
 * - a score in the triage band of calibrated thresholds raises the read (`raiseForCadTriage`);
 *   an uncalibrated score never changes priority.
 */
export async function recordCadResult(
  ctx: ServiceContext,
  body: CadResultPost,
  source: CadSource,
  now: Date,
): Promise<CadResultAccepted> {
  const actor = ctx.actor;
  if (!actor) throw appError('UNAUTHENTICATED');
  const study = await ctx.db
    .selectFrom('studies')
    .select(['id', 'clinic_id', 'study_uid'])
    .where('study_uid', '=', body.studyInstanceUid)
    .executeTakeFirst();
  if (!study || !inScope(clinicScope(actor), study.clinic_id)) throw appError('CAD_STUDY_UNKNOWN');
  const product = await findProduct(ctx.db, body.product.name, body.product.version);
  if (!product)
    throw appError('CAD_PRODUCT_UNKNOWN', {
      product: body.product.name,
      version: body.product.version,
    });
  if (body.score !== undefined && (body.score < product.scoreMin || body.score > product.scoreMax))
    throw appError('CAD_SCORE_OUT_OF_SCALE', {
      score: body.score,
      scale: [product.scoreMin, product.scoreMax],
    });
  if (body.sopInstanceUid) {
    const image = await ctx.db
      .selectFrom('instances')
      .select('id')
      .where('study_id', '=', study.id)
      .where('sop_uid', '=', body.sopInstanceUid)
      .executeTakeFirst();
    if (!image)
      throw appError('VALIDATION_FAILED', [
        { path: 'sopInstanceUid', message: 'not an image of this study' },
      ]);
  }

  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('cad_results')
      .values({
        study_id: study.id,
        clinic_id: study.clinic_id,
        sop_instance_uid: body.sopInstanceUid ?? null,
        product_id: product.id,
        result_key: resultKey(body),
        score: body.score ?? null,
        error_code: body.errorCode ?? null,
        labels: JSON.stringify(body.labels),
        heatmap_sop_instance_uid: body.heatmapSopInstanceUid ?? null,
        source,
        received_by: actor.userId,
        received_at: now,
      })
      .onConflict((oc) => oc.columns(['study_id', 'product_id', 'result_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const existing = await trx
        .selectFrom('cad_results')
        .select('id')
        .where('study_id', '=', study.id)
        .where('product_id', '=', product.id)
        .where('result_key', '=', resultKey(body))
        .executeTakeFirstOrThrow();
      await auditWrite(ctx, trx, {
        resourceId: existing.id,
        clinicId: study.clinic_id,
        details: { created: false, studyUid: study.study_uid },
      });
      return { id: existing.id, created: false, triage: null };
    }

    let triage: string | null = null;
    const productName = `${product.name} ${product.version}`;
    if (body.errorCode !== undefined) {
      const meaning =
        product.errorCodes.find((e) => e.code === body.errorCode)?.meaning ??
        'not a code this product version lists';
      const clinic = await trx
        .selectFrom('clinics')
        .select('code')
        .where('id', '=', study.clinic_id)
        .executeTakeFirstOrThrow();
      await notifyEvent(trx, {
        kind: 'cad.result_error',
        facts: {
          clinic: clinic.code,
          product: productName,
          errorCode: String(body.errorCode),
          meaning,
          studyUid: study.study_uid,
        },
        key: inserted.id,
        clinicId: study.clinic_id,
      });
      triage = `error ${body.errorCode} (${meaning}): the study stays in the normal queue`;
    } else {
      const programme = (await cadProgrammes(trx, [study.id])).get(study.id) ?? 'GENERAL';
      const t = (await thresholdsInForce(trx, [{ productId: product.id, programme }], now)).get(
        thresholdKey(product.id, programme),
      );
      const reached = (v: number) =>
        product.higherIsAbnormal ? body.score! >= v : body.score! <= v;
      if (!t) triage = `uncalibrated for ${programme}: priority unchanged`;
      else if (!reached(t.triage)) triage = `below the ${programme} triage threshold`;
      else {
        const raised = await raiseForCadTriage(trx, {
          studyId: study.id,
          resultId: inserted.id,
          product: product.name,
          version: product.version,
          score: body.score!,
          triageThreshold: t.triage,
          programme,
          now,
        });
        triage = raised.reason;
      }
    }
    await auditWrite(ctx, trx, {
      resourceId: inserted.id,
      clinicId: study.clinic_id,
      details: {
        created: true,
        studyUid: study.study_uid,
        product: productName,
        score: body.score ?? null,
        errorCode: body.errorCode ?? null,
        triage,
      },
    });
    return { id: inserted.id, created: true, triage };
  });
  // After the commit: worklists showing the study's open reads refresh (score, band, priority).
  if (outcome.created) {
    const open = await ctx.db
      .selectFrom('reading_tasks')
      .select('id')
      .where('study_id', '=', study.id)
      .where('state', 'in', ['waiting', 'queued', 'in_progress'])
      .execute();
    await emitTaskEvents(...open.map((t) => ({ type: 'task.updated' as const, taskId: t.id })));
  }
  const [result] = await loadCadResults(ctx.db, { resultId: outcome.id }, now);
  return { result: result!, created: outcome.created, triage: outcome.triage };
}
