import { randomBytes } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { appError } from '../../platform/errors';

/**
 * Streaming multipart/related (RFC 2387, RFC 2046 §5.1) for DICOMweb (PS3.18 §8.6.1.2): a reader
 * that hands each part's body on as a stream while the request is still arriving (a part is never
 * held in memory), and a writer for multipart responses.
 */

/** One part of a multipart body: its headers (names lower-case) and a stream of its body. */
export interface MultipartPart {
  /** 1-based position in the request. */
  index: number;
  headers: Record<string, string>;
  body: Readable;
}

/** A media type split into its essence and parameters (RFC 9110 §8.3.1). */
export interface MediaType {
  /** Lower-case `type/subtype`. */
  type: string;
  /** Parameter names lower-case, values unquoted. */
  params: Record<string, string>;
}

/** Parses one media type such as `multipart/related; type="application/dicom"; boundary=x`. */
export function parseMediaType(value: string): MediaType {
  const [essence = '', ...rest] = splitOutsideQuotes(value, ';');
  const params: Record<string, string> = {};
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    const name = p.slice(0, eq).trim().toLowerCase();
    let v = p.slice(eq + 1).trim();
    if (v.startsWith('"') && v.endsWith('"') && v.length >= 2)
      v = v.slice(1, -1).replace(/\\(.)/g, '$1');
    params[name] = v;
  }
  return { type: essence.trim().toLowerCase(), params };
}

/** Splits on `sep` except inside double quotes. */
export function splitOutsideQuotes(value: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '"' && value[i - 1] !== '\\') quoted = !quoted;
    if (c === sep && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

const MAX_HEADER_BYTES = 16 * 1024;
const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

type State = 'preamble' | 'afterDelimiter' | 'headers' | 'body' | 'epilogue';

interface OpenPart {
  stream: PassThrough;
  settled: Promise<void>;
  done: boolean;
  error?: unknown;
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/**
 * Reads a multipart body from `source` and calls `handle` for each part, one at a time: the next
 * part is not read until `handle` has settled, so at most one part is in flight and memory stays
 * bounded by the stream buffers. Writing a part's body respects the consumer's backpressure. When
 * `handle` settles before reading its whole body (an early refusal), the rest of that part is
 * skipped. A part cut off by the end of the request gets a DICOM_UNREADABLE stream error.
 * Returns the number of parts; throws MULTIPART_MALFORMED when the framing is wrong.
 */
export async function forEachPart(
  source: AsyncIterable<Buffer>,
  boundary: string,
  handle: (part: MultipartPart) => Promise<void>,
): Promise<number> {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // A delimiter at the very start of the body has no preceding CRLF: supply one.
  let buf: Buffer = Buffer.from(CRLF);
  let state: State = 'preamble';
  let part: OpenPart | null = null;
  let count = 0;

  const write = async (data: Buffer): Promise<void> => {
    const p = part;
    if (!p || p.done || p.stream.destroyed || data.length === 0) return;
    if (!p.stream.write(data)) {
      await Promise.race([
        new Promise<void>((resolve) => {
          p.stream.once('drain', resolve);
          p.stream.once('close', resolve);
        }),
        p.settled,
      ]);
    }
  };
  const finish = async (): Promise<void> => {
    const p = part;
    if (!p) return;
    if (!p.stream.destroyed) p.stream.end();
    await p.settled;
    part = null;
    if (p.error !== undefined) throw p.error;
  };

  try {
    for await (const chunk of source) {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      for (;;) {
        if (state === 'epilogue') {
          buf = Buffer.alloc(0);
          break;
        }
        if (state === 'preamble' || state === 'body') {
          const at = buf.indexOf(delimiter);
          if (at < 0) {
            const keep = Math.min(buf.length, delimiter.length - 1);
            if (state === 'body') await write(buf.subarray(0, buf.length - keep));
            buf = buf.subarray(buf.length - keep);
            break;
          }
          if (state === 'body') {
            await write(buf.subarray(0, at));
            await finish();
          }
          buf = buf.subarray(at + delimiter.length);
          state = 'afterDelimiter';
          continue;
        }
        if (state === 'afterDelimiter') {
          if (buf.length < 2) break;
          if (buf[0] === 0x2d && buf[1] === 0x2d) {
            state = 'epilogue';
            continue;
          }
          const eol = buf.indexOf(CRLF);
          if (eol < 0) {
            if (buf.length > 1024) throw appError('MULTIPART_MALFORMED');
            break;
          }
          buf = buf.subarray(eol + 2);
          state = 'headers';
          continue;
        }
        // state === 'headers'
        let headers: Record<string, string>;
        if (buf.length >= 2 && buf[0] === 0x0d && buf[1] === 0x0a) {
          headers = {};
          buf = buf.subarray(2);
        } else {
          const end = buf.indexOf(HEADER_END);
          if (end < 0) {
            if (buf.length > MAX_HEADER_BYTES)
              throw appError('MULTIPART_MALFORMED', undefined, 'A part has oversized headers.');
            break;
          }
          headers = parseHeaders(buf.subarray(0, end).toString('latin1'));
          buf = buf.subarray(end + 4);
        }
        count++;
        const stream = new PassThrough({ highWaterMark: 1 << 20 });
        const open: OpenPart = { stream, done: false, settled: Promise.resolve() };
        open.settled = Promise.resolve()
          .then(() => handle({ index: count, headers, body: stream }))
          .catch((e: unknown) => {
            open.error = e;
          })
          .finally(() => {
            // The consumer is finished: discard whatever of this part is still to come.
            open.done = true;
            stream.resume();
          });
        part = open;
        state = 'body';
      }
    }
  } catch (e) {
    const p = part as OpenPart | null;
    if (p) {
      p.stream.destroy(e as Error);
      await p.settled;
    }
    throw e;
  }
  if (state === 'body') {
    const p = part as OpenPart | null;
    if (p) {
      p.stream.destroy(
        appError(
          'DICOM_UNREADABLE',
          undefined,
          'The request ended before this part was complete (no closing boundary): the upload was cut off.',
        ),
      );
      await p.settled;
      if (p.error !== undefined) throw p.error;
    }
  } else if (state !== 'epilogue' && count === 0) {
    throw appError('MULTIPART_MALFORMED', undefined, 'The request body holds no multipart parts.');
  }
  return count;
}

/** One part of a multipart response. */
export interface OutgoingPart {
  headers: Record<string, string>;
  body: Buffer | AsyncIterable<Buffer>;
}

/** A fresh boundary: long and random, so it cannot occur inside DICOM data by chance. */
export function newBoundary(): string {
  return `telerad-${randomBytes(16).toString('hex')}`;
}

/**
 * A multipart/related response body (PS3.18 §8.6.1.2) as a stream: parts are produced lazily, so
 * a study retrieve streams its files one after the other without loading them.
 */
export function multipartBody(boundary: string, parts: AsyncIterable<OutgoingPart>): Readable {
  async function* generate(): AsyncGenerator<Buffer> {
    for await (const p of parts) {
      const head = Object.entries(p.headers)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('');
      yield Buffer.from(`\r\n--${boundary}\r\n${head}\r\n`, 'latin1');
      if (Buffer.isBuffer(p.body)) yield p.body;
      else for await (const c of p.body) yield c;
    }
    yield Buffer.from(`\r\n--${boundary}--\r\n`, 'latin1');
  }
  return Readable.from(generate(), { objectMode: false });
}
