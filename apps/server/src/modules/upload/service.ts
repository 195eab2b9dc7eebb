import type { AlreadySent, UploadResult } from '@telerad/contracts';
import type { FileStore } from '@tus/file-store';
import type { Upload } from '@tus/server';
import type { ServiceContext } from '../../platform/context';
import { auditedTransaction, writeAudit } from '../../platform/audit';
import { appError, toAppError, type AppError } from '../../platform/errors';
import { findInstances } from '../archive';
import { clinicScope } from '../auth';
import { listClinics } from '../clinics';
import { storeInstance, type IngestDeps } from '../ingest';
import { findUpload, insertUpload, settleUpload, type UploadRow } from './repo';

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

async function settle(ctx: ServiceContext, deps: FinishDeps, id: string): Promise<UploadResult> {
  const row = await findUpload(ctx.db, id);
  if (!row) throw appError('NOT_FOUND');
  if (row.outcome) return resultOf(row);
  let answer: Parameters<typeof settleUpload>[2];
  try {
    const r = await storeInstance(deps.ingest, deps.store.read(id), {
      door: 'upload',
      clinicId: row.clinic_id,
      userId: row.user_id,
      remoteAddress: ctx.ip,
      requestId: ctx.requestId,
    });
    answer = { outcome: r.outcome, studyUid: r.studyUid, sopUid: r.sopUid };
  } catch (e) {
    const err: AppError = toAppError(e);
    if (err.status >= 500) throw err;
    answer = { outcome: 'refused', errorCode: err.code, errorMessage: err.message };
  }
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await settleUpload(trx, id, answer))) return;
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
  });
  // The result is recorded: the partial bytes have served their purpose.
  await deps.store.remove(id).catch(() => undefined);
  return resultOf((await findUpload(ctx.db, id))!);
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
