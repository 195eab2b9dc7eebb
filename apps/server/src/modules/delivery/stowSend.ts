import { randomBytes } from 'node:crypto';

/** A DICOMweb STOW-RS service and how we authenticate to it. */
export interface StowDestination {
  /** The service root; instances are POSTed to `<url>/studies` (PS3.18 §10.5.1). */
  url: string;
  auth: 'none' | 'bearer' | 'basic';
  /** The bearer token, or `user:password` for Basic. */
  credential: string | null;
}

/** The Authorization header for `dest`, or none. */
function authorization(dest: StowDestination): Record<string, string> {
  if (dest.auth === 'bearer' && dest.credential)
    return { authorization: `Bearer ${dest.credential}` };
  if (dest.auth === 'basic' && dest.credential)
    return { authorization: `Basic ${Buffer.from(dest.credential, 'utf8').toString('base64')}` };
  return {};
}

const studiesUrl = (url: string) => `${url.replace(/\/+$/, '')}/studies`;

/** Failed SOP Sequence (0008,1198) of a STOW-RS answer (PS3.18 §10.5.3). */
const FAILED_SOP_SEQUENCE = '00081198';

/**
 * Stores one Part 10 object by STOW-RS (PS3.18 §10.5): a `multipart/related;
 * type="application/dicom"` POST to `<url>/studies`. Resolves when the origin answered 200, or
 * 202 without a Failed SOP Sequence (PS3.18 §10.5.3: 202 means some warning or failure, so the
 * answer is read); throws naming the status and what the origin said otherwise. One object per
 * request, so each acknowledgement belongs to exactly one instance.
 */
export async function stowStore(
  dest: StowDestination,
  file: Buffer,
  opts: { timeoutMs?: number } = {},
): Promise<void> {
  const boundary = `telerad-${randomBytes(16).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`, 'latin1'),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`, 'latin1'),
  ]);
  let res: Response;
  try {
    res = await fetch(studiesUrl(dest.url), {
      method: 'POST',
      headers: {
        'content-type': `multipart/related; type="application/dicom"; boundary=${boundary}`,
        accept: 'application/dicom+json',
        ...authorization(dest),
      },
      body,
      signal: AbortSignal.timeout(opts.timeoutMs ?? 60_000),
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    throw new Error(`STOW-RS to ${dest.url} failed: ${cause ?? (e as Error).message}`);
  }
  const text = await res.text();
  if (res.status === 200) return;
  if (res.status === 202) {
    let failed = true;
    try {
      const answer = JSON.parse(text) as Record<string, { Value?: unknown[] }>;
      failed = (answer[FAILED_SOP_SEQUENCE]?.Value?.length ?? 0) > 0;
    } catch {
      failed = true;
    }
    if (!failed) return;
  }
  throw new Error(`STOW-RS to ${dest.url} answered ${res.status}: ${text.slice(0, 300)}`);
}

/**
 * Probes a DICOMweb service with a QIDO-RS search for one study (PS3.18 §10.6): any answer
 * below 500 other than 401/403/404 means the service is there and lets us in.
 */
export async function stowProbe(dest: StowDestination): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`${studiesUrl(dest.url)}?limit=1`, {
      headers: { accept: 'application/dicom+json', ...authorization(dest) },
      signal: AbortSignal.timeout(10_000),
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    throw new Error(`${dest.url} did not answer: ${cause ?? (e as Error).message}`);
  }
  await res.arrayBuffer();
  if (res.status >= 500 || [401, 403, 404].includes(res.status))
    throw new Error(`${dest.url} answered ${res.status} to a QIDO-RS search`);
  return `${dest.url} answered ${res.status}`;
}
