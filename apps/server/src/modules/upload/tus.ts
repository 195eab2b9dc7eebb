import { AsyncLocalStorage } from 'node:async_hooks';
import crypto from 'node:crypto';
import path from 'node:path';
import { FileStore } from '@tus/file-store';
import { Server } from '@tus/server';
import type { UploadResult } from '@telerad/contracts';
import type { ServiceContext } from '../../platform/context';
import { toAppError, type AppError } from '../../platform/errors';
import { clinicScope } from '../auth';
import type { IngestDeps } from '../ingest';
import { recordRefusal } from '../monitor';
import { beginUpload, finishUpload, type FinishDeps } from './service';

/** Where the tus protocol is served (https://tus.io/protocols/resumable-upload, v1.0.0). */
export const UPLOAD_PATH = '/api/uploads';

/** Unfinished uploads are removed this long after they were started (default one day). */
export const DEFAULT_UPLOAD_EXPIRY_MS = 24 * 60 * 60 * 1000;

/** Where partial uploads live: a folder of the data directory, apart from the archive. */
export function uploadDirectory(dataDir: string): string {
  return path.join(dataDir, 'uploads');
}

/**
 * One tus request as the hooks see it: the Fastify request's service context in, and the
 * catalogue error or the ingest result out. Carried by AsyncLocalStorage because tus calls its
 * hooks with its own web Request, not ours.
 */
export interface TusCall {
  ctx: ServiceContext;
  refusal?: AppError;
  result?: UploadResult;
}
const calls = new AsyncLocalStorage<TusCall>();

/** The tus server and its file store. */
export interface Uploads {
  tus: Server;
  finish: FinishDeps;
  /** Runs `fn` (a tus request) with `call` visible to the hooks. */
  run<T>(call: TusCall, fn: () => Promise<T>): Promise<T>;
}

/**
 * The resumable-upload server: @tus/server over a file store under the data directory.
 * - creation records the upload's clinic and sender (`beginUpload`) before tus makes its file;
 * - a file larger than ingest accepts is refused at creation (413), before any byte;
 * - the PATCH that completes a file hands it to the one ingest path (`finishUpload`) and answers
 *   200 with the ingest result as JSON, so nothing is acknowledged before ingest acknowledged it.
 */
export function createUploads(opts: {
  dataDir: string;
  ingest: IngestDeps;
  expiryMs?: number;
}): Uploads {
  const store = new FileStore({
    directory: uploadDirectory(opts.dataDir),
    expirationPeriodInMilliseconds: opts.expiryMs ?? DEFAULT_UPLOAD_EXPIRY_MS,
  });
  const finish: FinishDeps = { ingest: opts.ingest, store };
  const current = () => {
    const call = calls.getStore();
    if (!call) throw new Error('a tus hook ran outside an upload route');
    return call;
  };
  // A hook's failure goes back to the route as the catalogue error (tus only needs a status),
  // and to the network monitor (an object ingest refused is recorded there once already).
  const refuse = (call: TusCall, e: unknown) => {
    const err = toAppError(e);
    call.refusal = err;
    const scope = call.ctx.actor ? clinicScope(call.ctx.actor) : [];
    recordRefusal(call.ctx.db, {
      door: 'upload',
      kind: 'object',
      clinicId: scope !== 'all' && scope.length === 1 ? scope[0]! : null,
      remoteAddress: call.ctx.ip,
      userId: call.ctx.actor?.userId ?? null,
      error: err,
    });
    return { status_code: err.status, body: err.message };
  };
  const tus = new Server({
    path: UPLOAD_PATH,
    datastore: store,
    relativeLocation: true,
    respectForwardedHeaders: false,
    maxSize: opts.ingest.maxObjectBytes,
    namingFunction: () => crypto.randomUUID(),
    onUploadCreate: async (_req, upload) => {
      const call = current();
      try {
        await beginUpload(call.ctx, upload);
      } catch (e) {
        throw refuse(call, e);
      }
      return {};
    },
    onUploadFinish: async (_req, upload) => {
      const call = current();
      try {
        call.result = await finishUpload(call.ctx, finish, upload.id);
      } catch (e) {
        throw refuse(call, e);
      }
      return {
        status_code: 200,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(call.result),
      };
    },
  });
  return { tus, finish, run: (call, fn) => calls.run(call, fn) };
}
