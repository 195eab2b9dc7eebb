import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { appError } from './errors';

/**
 * Integrity of what a sender sent: the SHA-256 it declares for an object (RFC 9530
 * `Content-Digest: sha-256=:<base64>:` on a STOW-RS part, the tus checksum on an upload) checked
 * against the bytes as they stream in, and the bounded inflation of a gzip request body
 * (RFC 9110 §8.4 `Content-Encoding: gzip`). Both refuse with a catalogue error before anything
 * is stored: the error surfaces on the stream before its end, so ingest discards its staging file.
 */

/** The `sha-256` member of an RFC 9530 Content-Digest or Repr-Digest field, or undefined. */
export function sha256FromDigestField(value: string | undefined): Buffer | undefined {
  if (!value) return undefined;
  // A structured-field dictionary (RFC 8941 §3.2) of byte sequences: `alg=:base64:`, comma-separated.
  const m = /(?:^|,)\s*sha-256\s*=\s*:([A-Za-z0-9+/=]+):/i.exec(value);
  if (!m) return undefined;
  const digest = Buffer.from(m[1]!, 'base64');
  return digest.length === 32 ? digest : undefined;
}

/**
 * `source` as a stream that hashes what flows and, at its end, fails with CHECKSUM_MISMATCH
 * instead of ending when the bytes' SHA-256 is not `expected`: a reader never sees a clean end
 * of bytes that were changed on the way. Lazy: nothing is read (and no failure raised) before
 * the consumer reads, so a consumer that starts late still sees the failure.
 */
export function verifySha256(source: AsyncIterable<Buffer>, expected: Buffer): Readable {
  async function* checked(): AsyncGenerator<Buffer> {
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of source) {
      hash.update(chunk);
      bytes += chunk.length;
      yield chunk;
    }
    const got = hash.digest();
    if (!got.equals(expected))
      throw appError('CHECKSUM_MISMATCH', {
        expected: expected.toString('base64'),
        received: got.toString('base64'),
        bytes,
      });
  }
  return Readable.from(checked(), { objectMode: false });
}

/**
 * The inflated bytes of a gzip request body, refused with DICOM_TOO_LARGE once more than
 * `maxBytes` came out: a small request cannot make the server inflate without bound (a
 * decompression bomb). A corrupt stream is MULTIPART_MALFORMED.
 */
export async function* inflateBounded(
  source: AsyncIterable<Buffer>,
  maxBytes: number,
): AsyncGenerator<Buffer> {
  let inflated = 0;
  const gunzip = createGunzip();
  // pipeline hands a failure of the request stream on to the gunzip stream read below.
  pipeline(source, gunzip).catch(() => undefined);
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      if (inflated > maxBytes)
        throw appError(
          'DICOM_TOO_LARGE',
          { maxBytes },
          `The gzip request body inflates to more than ${maxBytes} bytes; send it in smaller requests.`,
        );
      yield chunk;
    }
  } catch (e) {
    if (String((e as { code?: unknown }).code).startsWith('Z_'))
      throw appError(
        'MULTIPART_MALFORMED',
        undefined,
        `The gzip request body is corrupt: ${(e as Error).message}.`,
      );
    throw e;
  } finally {
    gunzip.destroy();
  }
}
