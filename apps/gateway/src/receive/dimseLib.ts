import { createRequire } from 'node:module';
import type * as D from 'dcmjs-dimse';

/**
 * dcmjs-dimse, loaded through `require`: its webpack bundle exposes no ES named exports to Node's
 * CommonJS interop. The gateway uses only its documented surface, the C-STORE stream hooks
 * (`createStoreWritableStream`, `createDatasetFromStoreWritableStream`) included; the version is
 * pinned exactly all the same, and `checkStoreHooks` refuses to start if those hooks are gone.
 */
const dimse = createRequire(import.meta.url)('dcmjs-dimse') as typeof D;

// The library logs every PDU by default; the gateway logs through pino instead.
dimse.log.setLevel('silent');

export default dimse;

export type Association = D.association.Association;
export type PresentationContext = D.association.PresentationContext;
export type CEchoRequest = D.requests.CEchoRequest;
export type CEchoResponse = D.responses.CEchoResponse;
export type CStoreRequest = D.requests.CStoreRequest;
export type CStoreResponse = D.responses.CStoreResponse;
export type CFindRequest = D.requests.CFindRequest;
export type CFindResponse = D.responses.CFindResponse;

/**
 * Throws when the library no longer streams C-STORE datasets through the hooks the gateway
 * overrides: without them it would buffer every instance in memory.
 */
export function checkStoreHooks(lib: typeof dimse = dimse): void {
  const proto = lib.Scp.prototype as unknown as Record<string, unknown>;
  const missing = ['createStoreWritableStream', 'createDatasetFromStoreWritableStream'].filter(
    (m) => typeof proto[m] !== 'function',
  );
  if (missing.length)
    throw new Error(
      `dcmjs-dimse no longer has ${missing.join(' and ')}: the gateway cannot stream C-STORE ` +
        'datasets to disk with this version (pinned: 0.3.3).',
    );
}
