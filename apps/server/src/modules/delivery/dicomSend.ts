import { createRequire } from 'node:module';
import type * as D from 'dcmjs-dimse';
import { fixDcmjsItemCharset } from './dcmjsCharset';

/**
 * dcmjs-dimse through `require` (its bundle has no ES named exports for Node's interop), logging
 * silenced: failures are reported by the delivery log instead.
 */
const dimse = createRequire(import.meta.url)('dcmjs-dimse') as typeof D;
dimse.log.setLevel('silent');
// dcmjs-dimse reads each file with dcmjs and writes it again on the wire: without this, the text
// inside sequences is sent UTF-8-encoded twice (see dcmjsCharset.ts).
fixDcmjsItemCharset();

/** A clinic PACS AE with its network address. */
export interface StoreDestination {
  aeTitle: string;
  host: string;
  port: number;
}

/** One Part 10 file to send: where it is and what it is. */
export interface StoreItem {
  path: string;
  sopClassUid: string;
  sopUid: string;
}

const EXPLICIT_LE = '1.2.840.10008.1.2.1';

/**
 * Records why an association with `dest` failed (rejected, PS3.8 §7.1.1.9, or a network error),
 * the first reason only; the answer reads it once the client closed.
 */
function watchAssociation(client: D.Client, dest: StoreDestination): () => string | undefined {
  let problem: string | undefined;
  client.on('associationRejected', (r: { result: number; source: number; reason: number }) => {
    problem = `association rejected by ${dest.aeTitle} (result ${r.result}, source ${r.source}, reason ${r.reason})`;
  });
  client.on('networkError', (e: Error) => {
    const why = (e as { code?: string }).code ?? e.message.replace(/^->\s*/, '');
    problem ??= `network error: ${why}`;
  });
  return () => problem;
}

/**
 * Sends `items` by C-STORE (PS3.4 §B.2) on one association from `callingAe`, Nagle off so the
 * small PDUs are not delayed. Resolves when every object was stored with status success or a
 * warning (Bxxx); throws naming the first failure, the rejection or the network error.
 */
export function cstore(
  callingAe: string,
  dest: StoreDestination,
  items: StoreItem[],
): Promise<void> {
  const client = new dimse.Client();
  const statuses = new Map<string, number>();
  for (const it of items) {
    const req = new dimse.requests.CStoreRequest(it.path);
    req.on('response', (rsp: { getStatus(): number }) => statuses.set(it.sopUid, rsp.getStatus()));
    client.addRequest(req);
    client.addAdditionalPresentationContext(
      new dimse.association.PresentationContext(0, it.sopClassUid, EXPLICIT_LE),
      true,
    );
  }
  return new Promise((resolve, reject) => {
    const problem = watchAssociation(client, dest);
    client.on('closed', () => {
      if (problem()) return reject(new Error(problem()));
      for (const it of items) {
        const s = statuses.get(it.sopUid);
        if (s === undefined)
          return reject(new Error(`no C-STORE response for ${it.sopUid} from ${dest.aeTitle}`));
        if (s !== 0 && (s & 0xf000) !== 0xb000)
          return reject(
            new Error(
              `${dest.aeTitle} refused ${it.sopUid}: C-STORE status 0x${s.toString(16).padStart(4, '0')}`,
            ),
          );
      }
      resolve();
    });
    client.send(dest.host, dest.port, callingAe, dest.aeTitle, {
      connectTimeout: 10_000,
      associationTimeout: 30_000,
      pduTimeout: 60_000,
    });
    const socket = (
      client as unknown as { network?: { socket?: { setNoDelay(v: boolean): void } } }
    ).network?.socket;
    socket?.setNoDelay(true);
  });
}

/**
 * Verifies that `dest` answers DICOM by C-ECHO (PS3.7 §9.1.5, Verification SOP Class PS3.4
 * Annex A) from `callingAe`. Resolves when the echo succeeded; throws naming the rejection, the
 * network error or the status otherwise.
 */
export function cecho(callingAe: string, dest: StoreDestination): Promise<void> {
  const client = new dimse.Client();
  const req = new dimse.requests.CEchoRequest();
  let status: number | undefined;
  req.on('response', (rsp: { getStatus(): number }) => {
    status = rsp.getStatus();
  });
  client.addRequest(req);
  return new Promise((resolve, reject) => {
    const problem = watchAssociation(client, dest);
    client.on('closed', () => {
      if (problem()) return reject(new Error(problem()));
      if (status === undefined) return reject(new Error(`no C-ECHO response from ${dest.aeTitle}`));
      if (status !== 0)
        return reject(new Error(`C-ECHO status 0x${status.toString(16).padStart(4, '0')}`));
      resolve();
    });
    client.send(dest.host, dest.port, callingAe, dest.aeTitle, {
      connectTimeout: 10_000,
      associationTimeout: 30_000,
      pduTimeout: 60_000,
    });
  });
}
