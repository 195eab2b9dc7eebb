import { Readable } from 'node:stream';
import dcmjs from 'dcmjs';
import type { ServiceContext } from '../../platform/context';
import { sha256FromDigestField, verifySha256 } from '../../platform/digest';
import { AppError, appError, ERRORS, toAppError } from '../../platform/errors';
import { getStudy } from '../archive';
import { clinicScope, inScope } from '../auth';
import { listClinics } from '../clinics';
import { storeInstance, type IngestDeps } from '../ingest';
import { recordRefusal } from '../monitor';
import { el, type DicomJson } from './dicomJson';
import { forEachPart, parseMediaType, type MultipartPart } from './multipart';

/**
 * STOW-RS (PS3.18 §10.5): a multipart/related request of application/dicom parts, each streamed
 * into the one ingest path as it arrives, answered with a DICOM JSON Store Instances Response
 * (PS3.18 §10.5.3): ReferencedSOPSequence for what is stored, FailedSOPSequence with a
 * FailureReason (the catalogue's DIMSE status) for what is not.
 *
 * The human-readable reason travels in a private block of each failed item, which the standard
 * allows in any dataset: (0009,0010) LO private creator "TELERAD", (0009,1001) LO the catalogue
 * code, (0009,1002) LT the message.
 */

/** What STOW needs besides the request: ingest's storage and limits. */
export type StowDeps = Omit<IngestDeps, 'db'>;

/** One STOW-RS request after routing. */
export interface StowRequest {
  contentType: string | undefined;
  body: AsyncIterable<Buffer>;
  /** The study in the URL (`POST /studies/{uid}`): every instance must belong to it. */
  studyUid?: string;
  /** `?clinic=<code or id>`. */
  clinic?: string;
  baseUrl: string;
}

/** The response: HTTP status, DICOM JSON body, and facts for the audit trail. */
export interface StowResponse {
  status: number;
  body: DicomJson;
  clinicId: string;
  stored: number;
  failed: number;
  /** What arrived, for the request's audit event: the studies and instances stored. */
  studyUids: string[];
  sopInstanceUids: string[];
}

interface Ids {
  sopClassUid?: string;
  sopUid?: string;
  studyUid?: string;
}

type Outcome =
  ({ ok: true } & Required<Ids> & { seriesUid: string }) | { ok: false; ids: Ids; error: AppError };

const PRIVATE_CREATOR = 'TELERAD';
const PEEK_FIRST = 64 * 1024;
const PEEK_MAX = 1024 * 1024;

/**
 * The clinic the objects are filed under: the `clinic` parameter (in the caller's scope); else
 * the clinic of the study in the URL when it exists in scope; else a clinic user's only clinic.
 * Anyone else must name it (STOW_CLINIC_REQUIRED).
 */
export async function resolveClinic(
  ctx: ServiceContext,
  clinic?: string,
  studyUid?: string,
): Promise<string> {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  if (clinic) {
    const found = (await listClinics(ctx)).find(
      (c) => c.code === clinic.toUpperCase() || c.id === clinic,
    );
    if (!found)
      throw appError('NOT_FOUND', undefined, `There is no clinic ${clinic} you may send for.`);
    return found.id;
  }
  const scope = clinicScope(ctx.actor);
  if (studyUid) {
    const study = await getStudy(ctx, studyUid).catch((e: unknown) => {
      if (e instanceof AppError && e.code === 'NOT_FOUND') return undefined;
      throw e;
    });
    if (study && inScope(scope, study.clinic_id)) return study.clinic_id;
  }
  if (scope !== 'all' && scope.length === 1) return scope[0]!;
  throw appError('STOW_CLINIC_REQUIRED');
}

const uidOf = (dict: Record<string, { Value?: unknown[] }>, tag: string) => {
  const v = dict[tag]?.Value?.[0];
  return typeof v === 'string' && v.trim() ? v.trim().replace(/\0+$/, '') : undefined;
};

/**
 * Reads the start of a part (64 KiB, up to 1 MiB when the header is longer) to learn its UIDs
 * before ingest commits it, then replays those bytes ahead of the rest. `complete` tells whether
 * the whole part fit in what was read.
 */
async function peek(body: Readable): Promise<{ ids: Ids; complete: boolean; stream: Readable }> {
  const it = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head: Buffer[] = [];
  let size = 0;
  let complete = false;
  let ids: Ids = {};
  const fill = async (limit: number) => {
    while (size < limit) {
      const r = await it.next();
      if (r.done) return (complete = true);
      head.push(r.value);
      size += r.value.length;
    }
    return false;
  };
  // A stream that fails (a checksum that does not match at its end) still names its object:
  // the UIDs are read from what came, and the failure is replayed where it happened.
  let failure: unknown;
  for (const limit of [PEEK_FIRST, PEEK_MAX]) {
    await fill(limit).catch((e: unknown) => {
      failure = e;
      complete = true;
    });
    try {
      const bytes = Buffer.concat(head);
      const ab = bytes.buffer.slice(
        bytes.byteOffset,
        bytes.byteOffset + bytes.byteLength,
      ) as ArrayBuffer;
      const dict = dcmjs.data.DicomMessage.readFile(ab, {
        untilTag: '0020000E',
        includeUntilTagValue: false,
      }).dict;
      ids = {
        sopClassUid: uidOf(dict, '00080016'),
        sopUid: uidOf(dict, '00080018'),
        studyUid: uidOf(dict, '0020000D'),
      };
      break;
    } catch {
      if (complete) break;
    }
  }
  async function* replay(): AsyncGenerator<Buffer> {
    yield* head;
    if (failure !== undefined) throw failure;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  return { ids, complete, stream: Readable.from(replay(), { objectMode: false }) };
}

async function storePart(
  ctx: ServiceContext,
  deps: StowDeps,
  req: StowRequest,
  clinicId: string,
  part: MultipartPart,
): Promise<Outcome> {
  const type = parseMediaType(part.headers['content-type'] ?? 'application/dicom').type;
  if (type !== 'application/dicom')
    return refusedPart(ctx, clinicId, {
      ok: false,
      ids: {},
      error: appError(
        'DICOM_UNREADABLE',
        undefined,
        `Part ${part.index} is ${type}; only application/dicom parts are accepted.`,
      ),
    });
  let ids: Ids = {};
  // RFC 9530 Content-Digest on the part: the object is refused, not stored, when it arrived changed.
  const declared = sha256FromDigestField(part.headers['content-digest']);
  const body = declared ? verifySha256(part.body, declared) : part.body;
  try {
    const p = await peek(body);
    ids = p.ids;
    if (req.studyUid && ids.studyUid !== req.studyUid && (ids.studyUid || !p.complete))
      throw appError(
        'STUDY_UID_MISMATCH',
        { expected: req.studyUid, found: ids.studyUid ?? null },
        ids.studyUid
          ? `The object belongs to study ${ids.studyUid}, not ${req.studyUid} named in the URL; it was refused.`
          : `The object's Study Instance UID could not be checked against ${req.studyUid}; it was refused.`,
      );
    const r = await storeInstance({ ...deps, db: ctx.db }, p.stream, {
      // A clinic gateway's service account sends by STOW-RS: its objects record the gateway door.
      door: ctx.actor?.service === 'gateway' ? 'gateway' : 'stow',
      clinicId,
      userId: ctx.actor?.userId ?? null,
      remoteAddress: ctx.ip,
      requestId: ctx.requestId,
    });
    return {
      ok: true,
      sopClassUid: r.sopClassUid,
      sopUid: r.sopUid,
      studyUid: r.studyUid,
      seriesUid: r.seriesUid,
    };
  } catch (e) {
    return refusedPart(ctx, clinicId, { ok: false, ids, error: toAppError(e) });
  } finally {
    // What a refusal left unread drains here, so the request moves on to the next part.
    body.resume();
  }
}

/**
 * A part refused before or by ingest, told to the network monitor (which counts an object
 * ingest already recorded once) and returned as its FailedSOPSequence item's outcome.
 */
function refusedPart(
  ctx: ServiceContext,
  clinicId: string,
  o: Extract<Outcome, { ok: false }>,
): Outcome {
  if (o.error.code !== 'SERVICE_UNAVAILABLE')
    recordRefusal(ctx.db, {
      door: 'stow',
      kind: 'object',
      clinicId,
      remoteAddress: ctx.ip,
      userId: ctx.actor?.userId ?? null,
      error: o.error,
    });
  return o;
}

/** The catalogue's DIMSE status of an error: the FailureReason (0008,1197) of PS3.18 §10.5.3. */
function dimseStatusOf(e: AppError): number {
  const def: object = ERRORS[e.code];
  return 'dimseStatus' in def && typeof def.dimseStatus === 'number' ? def.dimseStatus : 0x0110;
}

function failedItem(o: Extract<Outcome, { ok: false }>): DicomJson {
  return {
    '00081150': el('UI', o.ids.sopClassUid),
    '00081155': el('UI', o.ids.sopUid),
    '00081197': el('US', dimseStatusOf(o.error)),
    '00090010': el('LO', PRIVATE_CREATOR),
    '00091001': el('LO', o.error.code),
    '00091002': el('LT', o.error.message),
  };
}

/** The HTTP status of a finished STOW (PS3.18 Table 10.5.3-1). */
function statusOf(outcomes: Outcome[]): number {
  const failures = outcomes.filter((o) => !o.ok);
  if (!failures.length) return 200;
  if (failures.length < outcomes.length) return 202;
  const codes = new Set(failures.map((f) => f.error.code));
  const only = codes.size === 1 ? failures[0]!.error : undefined;
  // One server-side condition refused everything: say so (507 full disk), not "conflict".
  return only && only.status >= 500 ? only.status : 409;
}

/**
 * Stores every part of a STOW-RS request, one after the other as they arrive, and builds the
 * Store Instances Response. A request that is not multipart/related of application/dicom is
 * refused whole (415); when the database is down for every part the answer is the catalogue's
 * SERVICE_UNAVAILABLE (503), since nothing about the instances themselves failed.
 */
export async function stow(
  ctx: ServiceContext,
  deps: StowDeps,
  req: StowRequest,
): Promise<StowResponse> {
  const ct = parseMediaType(req.contentType ?? '');
  const partType = ct.params.type?.toLowerCase();
  if (ct.type !== 'multipart/related' || (partType && partType !== 'application/dicom'))
    throw appError(
      'UNSUPPORTED_MEDIA_TYPE',
      { accepted: 'multipart/related; type="application/dicom"' },
      'STOW-RS here accepts multipart/related; type="application/dicom" (DICOM JSON or XML metadata with bulk data is not supported).',
    );
  if (!ct.params.boundary)
    throw appError('MULTIPART_MALFORMED', undefined, 'The Content-Type has no boundary parameter.');
  const clinicId = await resolveClinic(ctx, req.clinic, req.studyUid);
  const outcomes: Outcome[] = [];
  await forEachPart(req.body, ct.params.boundary, async (part) => {
    outcomes.push(await storePart(ctx, deps, req, clinicId, part));
  });
  if (!outcomes.length)
    throw appError('MULTIPART_MALFORMED', undefined, 'The request holds no parts.');
  const failures = outcomes.filter((o): o is Extract<Outcome, { ok: false }> => !o.ok);
  if (
    failures.length === outcomes.length &&
    failures.every((f) => f.error.code === 'SERVICE_UNAVAILABLE')
  )
    throw appError('SERVICE_UNAVAILABLE');
  const stored = outcomes.filter((o): o is Extract<Outcome, { ok: true }> => o.ok);
  const studies = new Set(stored.map((o) => o.studyUid));
  const studyUid = req.studyUid ?? (studies.size === 1 ? [...studies][0] : undefined);
  const body: DicomJson = {};
  if (studyUid) body['00081190'] = el('UR', `${req.baseUrl}/studies/${studyUid}`);
  if (failures.length) body['00081198'] = { vr: 'SQ', Value: failures.map(failedItem) };
  if (stored.length)
    body['00081199'] = {
      vr: 'SQ',
      Value: stored.map((o) => ({
        '00081150': el('UI', o.sopClassUid),
        '00081155': el('UI', o.sopUid),
        '00081190': el(
          'UR',
          `${req.baseUrl}/studies/${o.studyUid}/series/${o.seriesUid}/instances/${o.sopUid}`,
        ),
      })),
    };
  return {
    status: statusOf(outcomes),
    body,
    clinicId,
    stored: stored.length,
    failed: failures.length,
    studyUids: [...studies],
    sopInstanceUids: stored.map((o) => o.sopUid),
  };
}
