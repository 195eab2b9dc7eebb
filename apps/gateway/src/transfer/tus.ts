import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { DefaultHttpStack, Upload, type HttpRequest, type HttpStack } from 'tus-js-client';
import type { QueueItem } from '../queue/types';
import type { Prepared } from './compress';
import { ThrottledStream } from './throttle';
import type { TusState } from './tusState';
import { LinkDown, type SendOutcome } from './types';
import { isLinkError, LINK_STATUSES, Watchdog, type WireMeter } from './wire';

/**
 * A large instance by the resumable upload the browser uses (tus 1.0.0 at `/api/uploads`), with
 * tus-js-client: PATCHes of `tusChunkBytes`, so a cut link loses at most one chunk. The upload
 * URL is stored before the first byte (TusState); the next try asks it for its offset (HEAD) and
 * resumes mid-file. The SHA-256 of the exact bytes travels as the `sha256` metadata, which the
 * centre checks before it stores the object (@tus/server has no checksum extension).
 */

/**
 * The tus-js-client HTTP stack with every request body paced by the shared bucket and every
 * request watched for a stalled link (`onStall`).
 */
class ThrottledStack implements HttpStack {
  private readonly inner = new DefaultHttpStack({});
  constructor(
    private readonly meter: WireMeter,
    private readonly idleMs: number,
    private readonly onStall: () => void,
  ) {}

  createRequest(method: string, url: string): HttpRequest {
    const req = this.inner.createRequest(method, url);
    const send = req.send.bind(req);
    req.send = (body: unknown) => {
      const watchdog = new Watchdog(this.idleMs);
      watchdog.signal.addEventListener('abort', this.onStall);
      const done = <T>(p: Promise<T>) => p.finally(() => watchdog.clear());
      if (!(body instanceof Uint8Array)) {
        watchdog.bodySent(0);
        return done(send(body));
      }
      req.setHeader('Content-Length', String(body.length));
      return done(
        send(
          Readable.from([Buffer.from(body)]).pipe(
            new ThrottledStream(
              this.meter.bucket,
              (n) => (watchdog.kick(), this.meter.onBytes(n)),
              () => watchdog.bodySent(body.length),
            ),
          ),
        ),
      );
    };
    return req;
  }

  getName(): string {
    return 'telerad-throttled-node';
  }
}

/** base64 SHA-256 of `body`. */
const sha256 = (body: Buffer) => createHash('sha256').update(body).digest('base64');

/** Upload outcomes that mean the centre holds these bytes (a resend is idempotent). */
const STORED = new Set(['stored', 'duplicate', 'new_version']);

/** What the centre answers when the final PATCH hands the file to ingest (contracts UploadResult). */
interface UploadAnswer {
  outcome?: string;
  code?: string | null;
  message?: string | null;
}

/**
 * Uploads `prepared` for `item`, resuming a stored upload of the same bytes. Resolves with the
 * outcome; throws LinkDown when the centre cannot be reached (the stored URL stays for the next
 * try). `idleMs` without progress aborts the request as a link failure.
 */
export async function tusUpload(opts: {
  centreUrl: string;
  token: string;
  item: QueueItem;
  prepared: Prepared;
  chunkBytes: number;
  state: TusState;
  meter: WireMeter;
  idleMs: number;
  signal?: AbortSignal;
}): Promise<SendOutcome> {
  const { item, prepared, state } = opts;
  const digest = sha256(prepared.body);
  const stored = await state.get(item.id);
  // A record for other bytes (a codec update changed the encoding) cannot be resumed.
  const resumeUrl =
    stored && stored.sha256 === digest && stored.bytes === prepared.body.length ? stored.url : null;
  const answer = await new Promise<UploadAnswer>((resolve, reject) => {
    const abandon = (why: string) => () =>
      void upload.abort().then(() => reject(new LinkDown(why)));
    const upload = new Upload(prepared.body, {
      endpoint: `${opts.centreUrl}/api/uploads`,
      uploadUrl: resumeUrl,
      uploadSize: prepared.body.length,
      chunkSize: opts.chunkBytes,
      // Retries are the loop's (backoff with jitter, pausing on outages), not the client's.
      retryDelays: null,
      headers: { authorization: `Bearer ${opts.token}` },
      metadata: {
        filename: `${item.sopInstanceUid}.dcm`,
        filetype: 'application/dicom',
        sha256: digest,
      },
      httpStack: new ThrottledStack(
        opts.meter,
        opts.idleMs,
        abandon('No upload progress: the link stalled.'),
      ),
      onUploadUrlAvailable: () => {
        if (upload.url && upload.url !== resumeUrl)
          void state.set(item.id, { url: upload.url, sha256: digest, bytes: prepared.body.length });
      },
      onSuccess: ({ lastResponse }) => {
        try {
          resolve(JSON.parse(lastResponse.getBody() || '{}') as UploadAnswer);
        } catch {
          resolve({});
        }
      },
      onError: (err) => reject(err),
    });
    opts.signal?.addEventListener('abort', abandon('The transfer was stopped.'));
    upload.start();
  }).catch((e: unknown) => {
    throw classify(e);
  });
  return settle(answer, item.id, state);
}

/** A tus failure as LinkDown (network, 5xx, 408, 429) or a refusal of this object. */
function classify(e: unknown): Error {
  if (e instanceof LinkDown) return e;
  const detailed = e as {
    originalResponse?: { getStatus(): number; getBody(): string } | null;
    causingError?: unknown;
  };
  const status = detailed.originalResponse?.getStatus();
  if (
    status === undefined ||
    status >= 500 ||
    LINK_STATUSES.has(status) ||
    isLinkError(detailed.causingError)
  )
    return new LinkDown(`The resumable upload could not reach the centre: ${(e as Error).message}`);
  if (status === 401 || status === 403)
    return new LinkDown(
      `The centre refused the gateway's token (${status}): re-enrol the gateway or ask support.`,
      'GATEWAY_TOKEN_REFUSED',
    );
  return Object.assign(new Error(detailed.originalResponse?.getBody() || (e as Error).message), {
    status,
  });
}

async function settle(answer: UploadAnswer, itemId: string, state: TusState): Promise<SendOutcome> {
  // Whatever the answer, this upload is over: a resend starts a new one.
  await state.delete(itemId);
  if (answer.outcome && STORED.has(answer.outcome)) return { kind: 'stored' };
  const code = answer.code ?? 'UPLOAD_REFUSED';
  const message = answer.message ?? 'The centre refused the uploaded instance.';
  return code === 'CHECKSUM_MISMATCH' || code === 'STORAGE_FULL'
    ? { kind: 'retry', code, message }
    : { kind: 'refused', code, message };
}
