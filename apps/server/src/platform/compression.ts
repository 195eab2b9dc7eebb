import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/** The REST API; its answers are JSON (or PDF and images, which are compressed already). */
const API_PREFIX = '/api/';

/** JSON media types: `application/json` and the `+json` family (FHIR, problem details). */
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json(?:;|$)/;

/**
 * Compresses the REST API's JSON answers (brotli, zstd or gzip, as the client accepts) for
 * clinics on slow links (issue 17 §5). Must be registered before any route and before the
 * static web assets, which are served precompressed at build time and left alone here.
 *
 * Only routes under `/api/` are compressed. DICOMweb is left out on purpose: its bulk data and
 * frames are `application/octet-stream` or `multipart/related` responses that are streamed
 * as they are read (PS3.18 §8.7) and are often compressed pixel data already; compressing
 * them would cost CPU on the reading path for little gain, and would hold streamed parts.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  // Runs before @fastify/compress's own onRoute hook (registered after it), which reads
  // `compress` to decide whether to add its onSend hook to the route.
  app.addHook('onRoute', (route) => {
    if (route.compress === undefined && !route.url.startsWith(API_PREFIX)) route.compress = false;
  });
  await app.register(compress, {
    globalCompression: true,
    // Request bodies stay as sent: no decompression of uploads (no zip bombs in a JSON body).
    globalDecompression: false,
    customTypes: JSON_TYPE,
    threshold: 1024,
  });
}
