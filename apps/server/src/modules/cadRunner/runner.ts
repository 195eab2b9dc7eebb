import fsp from 'node:fs/promises';
import type { CadProduct } from '@telerad/contracts';
import type { Logger } from 'pino';
import type { Db } from '../../platform/db';
import type { ObjectStorage } from '../../platform/storage';
import { loadCadResults, recordCadResult } from '../cad';
import { decodeGrey, UndecodableImage } from './decode';
import { runnerActor, runnerContext } from './identity';
import { mapOutput } from './outputMapping';
import { toModelInput } from './preprocess';
import { infer } from './session';
import type { CadRunnerSettings } from './settings';

/**
 * One run of the centre's model over a study (docs/adr/0042): every current chest X-ray image
 * (CR, DX for presentation or for processing: PS3.4 Annex B.5) without a result of the runner's
 * version yet is decoded, turned into the model's input, scored, and written through
 * `recordCadResult` with source `runner`, one result per image (key `image:<SOP Instance UID>`).
 * A retry therefore scores only what is missing, and a result written twice is answered, not
 * doubled. An image that cannot be decoded gets the product's "undecodable" error code (support
 * is told by the result), one whose output gives no score the "no score" code.
 */

/** The image SOP classes the runner scores: CR and the two DX classes (PS3.4 Annex B.5). */
export const CXR_SOP_CLASSES = [
  '1.2.840.10008.5.1.4.1.1.1',
  '1.2.840.10008.5.1.4.1.1.1.1',
  '1.2.840.10008.5.1.4.1.1.1.1.1',
] as const;

/** What the runner needs: the database, the stored objects, its settings and identity. */
export interface CadRunnerDeps {
  db: Db;
  storage: ObjectStorage;
  settings: CadRunnerSettings;
  account: { userId: string; displayName: string };
  product: CadProduct;
  log: Logger;
}

/** What one image's run gave. */
export interface ImageRun {
  sopInstanceUid: string;
  /** The score, or the product error code recorded instead. */
  outcome: { score: number } | { errorCode: number; reason: string } | { skipped: 'scored' };
  /** Decoding, preprocessing and inference time, in milliseconds (0 when skipped). */
  ms: number;
}

/** Scores one image: its score, or the error code and why. */
async function scoreImage(
  deps: CadRunnerDeps,
  image: { storage_key: string; transfer_syntax_uid: string },
): Promise<{ score: number } | { errorCode: number; reason: string }> {
  const { settings } = deps;
  const file = await deps.storage.withFiles(async (files) =>
    fsp.readFile(await files.pathOf(image.storage_key)),
  );
  let grey;
  try {
    grey = await decodeGrey(file, image.transfer_syntax_uid);
  } catch (e) {
    if (e instanceof UndecodableImage)
      return { errorCode: settings.errors.undecodable.code, reason: e.message };
    throw e;
  }
  const values = await infer(settings, toModelInput(grey, settings.input));
  const mapped = mapOutput(values, settings.output, settings.product);
  return 'score' in mapped
    ? mapped
    : { errorCode: settings.errors.noScore.code, reason: mapped.noScore };
}

/**
 * Runs the model over the study `studyId` (see the module comment) and answers each image's
 * outcome. A study deleted since the job was queued has nothing to score. Failures other than an
 * undecodable image (a stored file missing, the database) are thrown, so the queue retries.
 */
export async function runCadOnStudy(
  deps: CadRunnerDeps,
  studyId: string,
  jobId: string,
  now: () => Date = () => new Date(),
): Promise<ImageRun[]> {
  const study = await deps.db
    .selectFrom('studies')
    .select(['id', 'study_uid', 'clinic_id'])
    .where('id', '=', studyId)
    .executeTakeFirst();
  if (!study) return [];
  const images = await deps.db
    .selectFrom('instances')
    .select(['sop_uid', 'storage_key', 'transfer_syntax_uid'])
    .where('study_id', '=', studyId)
    .where('current', '=', true)
    .where('sop_class_uid', 'in', [...CXR_SOP_CLASSES])
    .orderBy('sop_uid')
    .execute();
  const done = new Set(
    (await loadCadResults(deps.db, { studyId }, now()))
      .filter((r) => r.productId === deps.product.id && r.sopInstanceUid)
      .map((r) => r.sopInstanceUid!),
  );
  const ctx = runnerContext(
    deps.db,
    runnerActor(deps.account, study.clinic_id),
    `cad-runner:${jobId}`,
    'cad.result',
    'cadResult',
  );
  const runs: ImageRun[] = [];
  for (const image of images) {
    if (done.has(image.sop_uid)) {
      runs.push({ sopInstanceUid: image.sop_uid, outcome: { skipped: 'scored' }, ms: 0 });
      continue;
    }
    const started = performance.now();
    const outcome = await scoreImage(deps, image);
    const ms = performance.now() - started;
    const log = deps.log.child({ studyUid: study.study_uid, sopInstanceUid: image.sop_uid, ms });
    if ('score' in outcome) log.info({ score: outcome.score }, 'CAD runner scored the image');
    else log.warn(outcome, 'CAD runner could not score the image; its error code is recorded');
    await recordCadResult(
      { ...ctx, audit: { ...ctx.audit!, details: { runner: true, jobId } } },
      {
        studyInstanceUid: study.study_uid,
        sopInstanceUid: image.sop_uid,
        product: { name: deps.product.name, version: deps.product.version },
        labels: [],
        ...('score' in outcome ? { score: outcome.score } : { errorCode: outcome.errorCode }),
      },
      'runner',
      now(),
    );
    runs.push({ sopInstanceUid: image.sop_uid, outcome, ms });
  }
  return runs;
}
