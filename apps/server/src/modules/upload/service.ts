import type { Readable } from 'node:stream';
import type { AlreadySent, UploadResult } from '@telerad/contracts';
import type { FileStore } from '@tus/file-store';
import type { Upload } from '@tus/server';
import type { ServiceContext } from '../../platform/context';
import { auditedTransaction, writeAudit } from '../../platform/audit';
import { verifySha256 } from '../../platform/digest';
import { appError, toAppError, type AppError } from '../../platform/errors';
import { findInstances } from '../archive';
import { clinicScope } from '../auth';
import { listClinics } from '../clinics';
import { storeInstance, type IngestDeps } from '../ingest';
import {
  findUpload,
  insertUpload,
  lockOpenUpload,
  noteIngestFailure,
  settleUpload,
  type UploadRow,
} from './repo';

/** What a finished upload is stored with: the one ingest path's dependencies. */
export interface FinishDeps {
  ingest: IngestDeps;
  store: FileStore;
}

/** The clinic an upload is for: the `clinic` metadata (a code or id in scope), else the only one. */
async function uploadClinic(ctx: ServiceContext, named: string | null | undefined) {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  if (named) {
    const found = (await listClinics(ctx)).find(
      (c) => c.code === named.toUpperCase() || c.id === named,
    );
    if (!found)
      throw appError('NOT_FOUND', undefined, `There is no clinic ${named} you may send for.`);
    return found.id;
  }
  const scope = clinicScope(ctx.actor);
  if (scope !== 'all' && scope.length === 1) return scope[0]!;
  throw appError('UPLOAD_CLINIC_REQUIRED');
}

/**
 * Records a new upload before tus creates its file: the clinic it is for (its scope from now
 * on), who sends it, its declared size. Written with the request's audit event, in one
 * transaction. A deferred length is refused: the size limit must be known before any byte.
 */
export async function beginUpload(ctx: ServiceContext, upload: Upload): Promise<void> {
  if (upload.size === undefined)
    throw appError('VALIDATION_FAILED', undefined, 'Send the file size (Upload-Length) first.');
  const clinicId = await uploadClinic(ctx, upload.metadata?.clinic);
  const fileName = upload.metadata?.filename ?? upload.metadata?.name ?? null;
  await auditedTransaction(
    ctx,
    (trx) =>
      insertUpload(trx, {
        id: upload.id,
        clinicId,
        userId: ctx.actor!.userId,
        fileName,
        size: upload.size!,
      }),
    () => ({ resourceId: upload.id, clinicId, details: { fileName, size: upload.size } }),
  );
}

/** The result the client is shown for `row`. */
export function resultOf(row: UploadRow): UploadResult {
  return {
    id: row.id,
    outcome: (row.outcome ?? 'receiving') as UploadResult['outcome'],
    fileName: row.file_name,
    sizeBytes: Number(row.size_bytes),
    code: row.error_code,
    message: row.error_message,
    studyUid: row.study_uid,
    sopUid: row.sop_uid,
  };
}

/** In-process finishes under way, so a status request and the final PATCH share one ingest. */
const finishing = new Map<string, Promise<UploadResult>>();

/**
 * Hands a complete upload to the one ingest path (door `upload`) and records its answer. Only
 * after ingest acknowledged the object (bytes fsynced, index committed) or refused it for good
 * is the result written and the partial file removed; a passing failure (disk full, database
 * away: a 5xx) throws and keeps the bytes, so the next status request finishes it. The answer
 * is the first one recorded, whoever asks.
 */
export function finishUpload(
  ctx: ServiceContext,
  deps: FinishDeps,
  id: string,
): Promise<UploadResult> {
  const running = finishing.get(id);
  if (running) return running;
  const p = settle(ctx, deps, id).finally(() => finishing.delete(id));
  finishing.set(id, p);
  return p;
}

/** Failed ingest attempts of a complete upload after which staff are told it is stuck. */
export const MAX_INGEST_ATTEMPTS = 5;

/** What one finisher's attempt came to. */
type Settled = { result: UploadResult } | { failure: AppError };

/**
 * Counts one more failed ingest attempt of the complete upload `id`, kept beside its bytes (the
 * tus file's metadata), and answers the count.
 */
async function countFailedAttempt(store: FileStore, id: string): Promise<number> {
  const upload = await store.configstore.get(id);
  if (!upload) return 0;
  const attempts = Number(upload.metadata?.ingestAttempts ?? '0') + 1;
  upload.metadata = { ...upload.metadata, ingestAttempts: String(attempts) };
  await store.configstore.set(id, upload);
  return attempts;
}

/**
 * The bytes of upload `id` for ingest; when its creation declared a `sha256` (base64, as the
 * clinic gateway sends it), checked on the way so a changed file is refused (CHECKSUM_MISMATCH)
 * and not stored. @tus/server has no checksum extension, so the declaration is upload metadata.
 */
async function checkedBytes(store: FileStore, id: string): Promise<Readable> {
  const declared = (await store.configstore.get(id))?.metadata?.sha256;
  const expected = declared ? Buffer.from(declared, 'base64') : undefined;
  if (declared && expected?.length !== 32)
    throw appError('VALIDATION_FAILED', undefined, 'The sha256 metadata is not a base64 SHA-256.');
  const bytes = store.read(id) as Readable;
  return expected ? verifySha256(bytes, expected) : bytes;
}

async function settle(ctx: ServiceContext, deps: FinishDeps, id: string): Promise<UploadResult> {
  // The row lock is held until the answer is recorded: of a status request, the final PATCH and
  // the sweep (in any process), one alone ingests and audits; the others wait for its answer.
  const settled = await ctx.db.transaction().execute(async (trx): Promise<Settled> => {
    const row = await lockOpenUpload(trx, id);
    if (!row) {
      const now = await findUpload(ctx.db, id);
      if (!now) throw appError('NOT_FOUND');
      if (now.outcome) return { result: resultOf(now) };
      return { failure: appError('UPLOAD_NOT_FINISHED') };
    }
    let answer: Parameters<typeof settleUpload>[2];
    try {
      const r = await storeInstance(deps.ingest, await checkedBytes(deps.store, id), {
        door: 'upload',
        clinicId: row.clinic_id,
        userId: row.user_id,
        remoteAddress: ctx.ip,
        requestId: ctx.requestId,
      });
      answer = { outcome: r.outcome, studyUid: r.studyUid, sopUid: r.sopUid };
    } catch (e) {
      const err: AppError = toAppError(e);
      if (err.status < 500) {
        answer = { outcome: 'refused', errorCode: err.code, errorMessage: err.message };
      } else {
        // A passing failure: the bytes stay, the row says why, and the sweep tries again.
        await noteIngestFailure(trx, id, { errorCode: err.code, errorMessage: err.message });
        const attempts = await countFailedAttempt(deps.store, id);
        if (attempts === MAX_INGEST_ATTEMPTS)
          await writeAudit(
            { ...ctx, db: trx },
            {
              action: 'upload.ingest.stuck',
              outcome: 'failure',
              resourceType: 'upload',
              resourceId: id,
              clinicId: row.clinic_id,
              details: { attempts, code: err.code, fileName: row.file_name },
            },
          );
        return { failure: err };
      }
    }
    if (!(await settleUpload(trx, id, answer))) return { result: resultOf(row) };
    await writeAudit(
      { ...ctx, db: trx },
      {
        action: 'upload.ingest',
        outcome: answer.outcome === 'refused' ? 'failure' : 'success',
        resourceType: 'upload',
        resourceId: id,
        clinicId: row.clinic_id,
        details: {
          outcome: answer.outcome,
          code: answer.errorCode ?? null,
          studyUid: answer.studyUid ?? null,
          sopInstanceUid: answer.sopUid ?? null,
        },
      },
    );
    return { result: resultOf((await findUpload(trx, id))!) };
  });
  if ('failure' in settled) throw settled.failure;
  // The result is recorded: the partial bytes have served their purpose.
  await deps.store.remove(id).catch(() => undefined);
  return settled.result;
}

/**
 * The upload's result. An upload whose bytes are all in but which has no answer yet (the final
 * PATCH's ingest failed for a passing reason, or its process stopped) is finished now.
 */
export async function uploadStatus(
  ctx: ServiceContext,
  deps: FinishDeps,
  id: string,
): Promise<UploadResult> {
  const row = await findUpload(ctx.db, id);
  if (!row) throw appError('NOT_FOUND');
  if (row.outcome) return resultOf(row);
  const upload = await deps.store.getUpload(id).catch(() => undefined);
  if (upload && upload.size !== undefined && upload.offset === upload.size)
    return finishUpload(ctx, deps, id);
  return resultOf(row);
}

/**
 * Which of `sopUids` the caller's clinics have already sent, so the page can warn before
 * sending an image twice. Only the caller's clinics are searched (the one SQL scope helper).
 */
export async function alreadySent(ctx: ServiceContext, sopUids: string[]): Promise<AlreadySent> {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  const rows = await findInstances(ctx.db, clinicScope(ctx.actor), {
    sopUids,
    limit: sopUids.length,
    offset: 0,
  });
  return {
    sent: rows.map((r) => ({
      sopUid: r.sop_uid,
      studyUid: r.study_uid,
      receivedAt: new Date(r.received_at).toISOString(),
    })),
  };
}
