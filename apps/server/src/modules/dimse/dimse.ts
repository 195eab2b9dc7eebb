import { createRequire } from 'node:module';
import type * as D from 'dcmjs-dimse';

/**
 * dcmjs-dimse, loaded through `require`: its webpack bundle exposes no ES named exports to Node's
 * CommonJS interop, so a static `import` would work under a bundler but not under plain Node.
 */
const dimse = createRequire(import.meta.url)('dcmjs-dimse') as typeof D;

// The library logs every PDU at trace level by default; Telerad logs through pino instead.
dimse.log.setLevel('silent');

// Silent or not, the library formats each association it receives and accepts for its log: the
// message is built before the logger drops it, and an association's text names every proposed
// presentation context by UID name (storescu proposes over a hundred), milliseconds of event
// loop per association. While the library's log is silent, an association's text is its AE titles.
const association = dimse.association.Association.prototype;
const describe = association.toString;
association.toString = function (this: Association) {
  return dimse.log.getLevel() < dimse.log.levels.SILENT
    ? describe.call(this)
    : `association ${this.getCallingAeTitle()} -> ${this.getCalledAeTitle()}`;
};

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
