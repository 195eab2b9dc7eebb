import { appError } from '../../platform/errors';
import { inflateBounded } from '../../platform/digest';

/**
 * The content codings STOW-RS accepts on a request body (RFC 9110 §8.4): none (`identity`) and
 * `gzip`, which the clinic gateway uses for objects its pixel codecs cannot shrink. A gzip body
 * inflates to at most `maxBytes` (the largest object the archive takes): a small request cannot
 * make the server inflate without bound. Any other coding is refused with 415 (RFC 9110 §15.5.16).
 */
export function decodedBody(
  encoding: string | undefined,
  body: AsyncIterable<Buffer>,
  maxBytes: number,
): AsyncIterable<Buffer> {
  const codings = (encoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity');
  if (!codings.length) return body;
  if (codings.length === 1 && (codings[0] === 'gzip' || codings[0] === 'x-gzip'))
    return inflateBounded(body, maxBytes);
  throw appError(
    'UNSUPPORTED_MEDIA_TYPE',
    { accepted: 'Content-Encoding: gzip or none' },
    `STOW-RS accepts a gzip-encoded request body or an unencoded one, not "${encoding}".`,
  );
}
