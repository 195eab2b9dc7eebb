import type { SendOutcome } from './types';

/**
 * Reading a STOW-RS Store Instances Response (PS3.18 §10.5.3, DICOM JSON PS3.18 §F.2): each
 * instance is in the ReferencedSOPSequence (0008,1199: stored, including "already had these
 * exact bytes") or the FailedSOPSequence (0008,1198) with its FailureReason (0008,1197). Telerad
 * adds its catalogue code in a private block (0009,0010 "TELERAD", 0009,1001), which says more
 * precisely whether a resend can help.
 */

type Json = Record<string, { vr?: string; Value?: unknown[] } | undefined>;

/** Catalogue codes that say nothing is wrong with the object itself: resend after a backoff. */
const TRANSIENT_CODES = new Set([
  'CHECKSUM_MISMATCH',
  'STORAGE_FULL',
  'SERVICE_UNAVAILABLE',
  'RATE_LIMITED',
]);

/** Catalogue codes that are the object's own fault even though their DIMSE class is A7xx. */
const PERMANENT_CODES = new Set(['DICOM_TOO_LARGE']);

const first = (item: Json, tag: string): unknown => item[tag]?.Value?.[0];

/** Whether a failure with this FailureReason and code is worth resending soon. */
export function isTransientFailure(reason: number | undefined, code: string | undefined): boolean {
  if (code && TRANSIENT_CODES.has(code)) return true;
  if (code && PERMANENT_CODES.has(code)) return false;
  // A7xx: Refused, Out of Resources (PS3.4 Annex B.2.3); 0110H processing failure is the
  // server's own trouble too. Cxxx (cannot understand) and A9xx (data set mismatch) are the
  // object's, and so is 0111H (a different object under the same UID).
  return reason !== undefined && ((reason & 0xff00) === 0xa700 || reason === 0x0110);
}

/**
 * The outcome of each SOP Instance UID in `sent` from the response `body`. An instance the
 * answer does not mention counts as a passing failure (it is resent; the archive dedups).
 */
export function parseStowResponse(body: unknown, sent: string[]): Map<string, SendOutcome> {
  const out = new Map<string, SendOutcome>();
  const root = (body && typeof body === 'object' ? body : {}) as Json;
  const seq = (tag: string) => (root[tag]?.Value ?? []) as Json[];
  for (const item of seq('00081199')) {
    const uid = first(item, '00081155');
    if (typeof uid === 'string') out.set(uid, { kind: 'stored' });
  }
  for (const item of seq('00081198')) {
    const uid = first(item, '00081155');
    if (typeof uid !== 'string' || out.has(uid)) continue;
    const reason = first(item, '00081197');
    const code = first(item, '00091001');
    const message = first(item, '00091002');
    const r = typeof reason === 'number' ? reason : undefined;
    const c = typeof code === 'string' ? code : undefined;
    const text =
      typeof message === 'string'
        ? message
        : `The centre refused the instance (FailureReason ${r?.toString(16).toUpperCase() ?? 'none'}H).`;
    const failure = {
      code: c ?? `STOW_FAILURE_${r?.toString(16).toUpperCase() ?? 'UNKNOWN'}`,
      message: text,
    };
    out.set(
      uid,
      isTransientFailure(r, c) ? { kind: 'retry', ...failure } : { kind: 'refused', ...failure },
    );
  }
  for (const uid of sent)
    if (!out.has(uid))
      out.set(uid, {
        kind: 'retry',
        code: 'STOW_NO_ANSWER',
        message: 'The centre did not say whether it stored this instance; it will be sent again.',
      });
  return out;
}
