import type { FastifyRequest } from 'fastify';
import { appError, type AppError } from './errors';

/**
 * Input hygiene: every path, query and body string is checked once, by hooks on the whole app,
 * before any route's validator, service, SQL or audit insert sees it. A per-route check would be
 * forgotten by the next route; these hooks cannot be.
 *
 * What must stay true:
 * - PostgreSQL text and jsonb refuse U+0000, so a NUL that reached a query or the audit insert was
 *   a 500 and a missing audit row; a NUL in a QIDO value also reached the LIKE pattern and matched
 *   every instance. It is refused here with a 400.
 * - The checks are liberal where devices and forms need it: a body string may carry tab, line feed
 *   and carriage return (report text); nothing else below U+0020, nor DEL, passes anywhere.
 */

/** Any C0 control character or DEL: never valid in a path or query value. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;
/** C0 controls other than tab, line feed and carriage return, or DEL: never valid in a body. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const BODY_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** Longest id a path parameter or an `…Id`/`id` query key may carry (a UUID is 36). */
export const MAX_ID_LENGTH = 128;
/**
 * A UID as PS3.5 §9.1 writes it: digits in dot-separated components, at most 64 characters.
 * Leading zeros are tolerated here (liberal in what we accept); anything else is refused.
 */
const UID = /^[0-9]+(\.[0-9]+)*$/;
/** QIDO-RS keys that carry UIDs (PS3.18 §8.3.4), by keyword or tag, in any case. */
const QIDO_UID_KEYS = new Set(
  [
    'StudyInstanceUID',
    'SeriesInstanceUID',
    'SOPInstanceUID',
    'SOPClassUID',
    '0020000D',
    '0020000E',
    '00080018',
    '00080016',
  ].map((k) => k.toLowerCase()),
);

/** Where a refused value was found, for the error's details and the audit event. */
export interface InputRejection {
  where: 'path' | 'params' | 'query' | 'body';
  key: string;
  reason: 'control_character' | 'too_long' | 'invalid_uid' | 'path_traversal';
}

function refusal(r: InputRejection): AppError {
  const code = {
    control_character: 'INPUT_CONTROL_CHARACTER',
    too_long: 'INPUT_TOO_LONG',
    invalid_uid: 'INPUT_INVALID_UID',
    path_traversal: 'INPUT_PATH_TRAVERSAL',
  } as const;
  return appError(code[r.reason], { where: r.where, key: r.key });
}

const isUidKey = (key: string) => /uid$/i.test(key) || QIDO_UID_KEYS.has(key.toLowerCase());
const isIdKey = (key: string) => key === 'id' || /Id$/.test(key);

/** True when `value` is one UID, or a UID list as QIDO matches it (PS3.18 §8.3.4.1: `,` or `\`). */
function isUidOrList(value: string): boolean {
  return value.split(/[,\\]/).every((u) => u.length > 0 && u.length <= 64 && UID.test(u));
}

/**
 * Checks the request path before it is decoded into parameters: a segment made only of dots
 * (`..`, `....`), in clear or percent-encoded, an empty segment (`//`) or a backslash is a
 * traversal attempt, never a resource name.
 */
export function checkPath(rawUrl: string): InputRejection | null {
  const rawPath = rawUrl.split('?')[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { where: 'path', key: 'path', reason: 'path_traversal' };
  }
  if (CONTROL.test(decoded)) return { where: 'path', key: 'path', reason: 'control_character' };
  const segments = decoded.split('/').slice(1);
  const last = segments.length - 1;
  const traversal = segments.some(
    (s, i) => /^\.{2,}$/.test(s) || s.includes('\\') || (s === '' && i !== last),
  );
  return traversal ? { where: 'path', key: 'path', reason: 'path_traversal' } : null;
}

/** Checks decoded path parameters: controls, over-long ids, UIDs and embedded traversal. */
export function checkParams(params: Record<string, unknown>): InputRejection | null {
  for (const [key, value] of Object.entries(params)) {
    if (typeof value !== 'string') continue;
    if (CONTROL.test(value)) return { where: 'params', key, reason: 'control_character' };
    // The wildcard of a bulk-data path may be longer than an id; it is still no traversal.
    if (key !== '*' && value.length > MAX_ID_LENGTH)
      return { where: 'params', key, reason: 'too_long' };
    if (/(^|[/\\])\.{2,}([/\\]|$)/.test(value) || value.includes('\\'))
      return { where: 'params', key, reason: 'path_traversal' };
    if (isUidKey(key) && !isUidOrList(value))
      return { where: 'params', key, reason: 'invalid_uid' };
  }
  return null;
}

/** Checks query values (one or repeated): controls, over-long ids and QIDO's UID keys. */
export function checkQuery(query: Record<string, unknown>): InputRejection | null {
  for (const [key, raw] of Object.entries(query)) {
    if (CONTROL.test(key)) return { where: 'query', key: '?', reason: 'control_character' };
    for (const value of [raw].flat()) {
      if (typeof value !== 'string') continue;
      if (CONTROL.test(value)) return { where: 'query', key, reason: 'control_character' };
      if (isIdKey(key) && value.length > MAX_ID_LENGTH)
        return { where: 'query', key, reason: 'too_long' };
      if (isUidKey(key) && value !== '' && !isUidOrList(value))
        return { where: 'query', key, reason: 'invalid_uid' };
    }
  }
  return null;
}

/** Checks every string of a parsed JSON body, keys included, at any depth. */
export function checkBody(body: unknown, key = 'body'): InputRejection | null {
  if (typeof body === 'string')
    return BODY_CONTROL.test(body) ? { where: 'body', key, reason: 'control_character' } : null;
  if (Array.isArray(body)) {
    for (const [i, v] of body.entries()) {
      const r = checkBody(v, `${key}.${i}`);
      if (r) return r;
    }
    return null;
  }
  // Buffers and streams (STOW-RS, uploads) are DICOM, read by the ingest path's own checks.
  if (body && typeof body === 'object' && Object.getPrototypeOf(body) === Object.prototype) {
    for (const [k, v] of Object.entries(body)) {
      if (BODY_CONTROL.test(k)) return { where: 'body', key, reason: 'control_character' };
      const r = checkBody(v, `${key}.${k}`);
      if (r) return r;
    }
  }
  return null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when input hygiene refused the request; the audit event records it. */
    inputRejection?: InputRejection;
  }
}

function refuse(req: FastifyRequest, r: InputRejection | null): void {
  if (!r) return;
  req.inputRejection = r;
  throw refusal(r);
}

/**
 * onRequest hook (after authentication, before anything that looks the request's values up):
 * refuses a bad path, path parameter or query value.
 */
export async function checkRequestLine(req: FastifyRequest): Promise<void> {
  refuse(
    req,
    checkPath(req.url) ??
      checkParams((req.params ?? {}) as Record<string, unknown>) ??
      checkQuery((req.query ?? {}) as Record<string, unknown>),
  );
}

/** preValidation hook: refuses a parsed body with a control character in any string. */
export async function checkRequestBody(req: FastifyRequest): Promise<void> {
  refuse(req, checkBody(req.body));
}
