import { createRequire } from 'node:module';
import type * as D from 'dcmjs-dimse';

/**
 * dcmjs-dimse, loaded through `require`: its webpack bundle exposes no ES named exports to Node's
 * CommonJS interop, so a static `import` would work under a bundler but not under plain Node.
 */
const dimse = createRequire(import.meta.url)('dcmjs-dimse') as typeof D;

// The library logs every PDU at trace level by default; Telerad logs through pino instead.
dimse.log.setLevel('silent');

export default dimse;

/** Types of the library, named once for the module. */
export type Association = D.association.Association;
export type PresentationContext = D.association.PresentationContext;
export type DimseDataset = D.Dataset;
export type CEchoRequest = D.requests.CEchoRequest;
export type CStoreRequest = D.requests.CStoreRequest;
export type CFindRequest = D.requests.CFindRequest;
export type CMoveRequest = D.requests.CMoveRequest;
export type CGetRequest = D.requests.CGetRequest;
export type CCancelRequest = D.requests.CCancelRequest;
export type CEchoResponse = D.responses.CEchoResponse;
export type CStoreResponse = D.responses.CStoreResponse;
export type CFindResponse = D.responses.CFindResponse;
export type CMoveResponse = D.responses.CMoveResponse;
export type CGetResponse = D.responses.CGetResponse;
