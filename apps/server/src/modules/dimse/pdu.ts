import type { Socket } from 'node:net';

/** Where whole PDUs go. */
export interface PduRoute {
  /** One whole PDU, as views of the socket reads it arrived in (not joined). */
  onPdu(pdu: Buffer[]): void;
  /** The byte stream can no longer be framed. */
  close(reason: string): void;
}

/** PDU types (PS3.8 §9.3.1): A-ASSOCIATE-RQ/AC/RJ, P-DATA-TF, A-RELEASE-RQ/RP, A-ABORT. */
const PDU_TYPES = new Set([1, 2, 3, 4, 5, 6, 7]);
/**
 * The longest PDU accepted, body and header. Far above any Maximum Length a peer negotiates for
 * P-DATA-TF (PS3.8 §D.1) or any association request; a longer declared length is refused rather
 * than buffered (dcmjs-dimse's own accumulator would wait for, and hold, up to 4 GiB).
 */
export const FRAME_MAX = 64 * 1024 * 1024;

/**
 * A-ABORT (PS3.8 §9.3.8): source 2, the service provider; reason 6, invalid-PDU-parameter value
 * (Table 9-26).
 */
export const ABORT_INVALID_PDU = Buffer.from([7, 0, 0, 0, 0, 4, 0, 0, 2, 6]);

/** How long a peer that was sent A-ABORT has to close the connection before it is cut (ms). */
const ABORT_CLOSE_MS = 5_000;

/**
 * Frames the socket's bytes into whole PDUs. dcmjs-dimse's own accumulator joins every socket
 * read onto the PDU received so far (`Buffer.concat` per 64 KiB read), copying a 256 KiB PDU some
 * 2.5 times and churning external memory, which drives most of the major garbage collections
 * while receiving. Here a PDU is handed on as views of the reads it arrived in: the C-STORE
 * router writes them to ingest as they are, and a PDU given to dcmjs-dimse is joined once (its
 * no-copy path when the PDU arrived within one read).
 *
 * `route`, given the function that hands a PDU to dcmjs-dimse, returns where whole PDUs go
 * instead (the C-STORE router); without it they all go to dcmjs-dimse.
 *
 * An unknown PDU type switches the framer off, passing the bytes through unchanged, so
 * dcmjs-dimse reports the error (and the association ends) as before; the route is closed first.
 * A declared length beyond FRAME_MAX closes the route, answers A-ABORT and ends the connection
 * without buffering anything more (PS3.8 §9.2 state table, action AA-8 for an invalid PDU).
 */
export function framePdus(
  socket: Socket,
  route?: (deliver: (pdu: Buffer) => void) => PduRoute,
): void {
  const listeners = socket.listeners('data') as ((chunk: Buffer) => void)[];
  if (listeners.length !== 1) throw new Error('dcmjs-dimse no longer reads the socket as expected');
  const deliver = listeners[0]!;
  socket.removeListener('data', deliver);
  const target: PduRoute = route?.(deliver) ?? {
    onPdu: (parts) => deliver(parts.length === 1 ? parts[0]! : Buffer.concat(parts)),
    close: () => undefined,
  };

  let chunks: Buffer[] = [];
  let buffered = 0;
  let passThrough = false;
  let refused = false;

  /** The byte at `offset` of the buffered data. */
  const byteAt = (offset: number): number => {
    for (const c of chunks) {
      if (offset < c.length) return c[offset]!;
      offset -= c.length;
    }
    throw new RangeError('offset beyond the buffered bytes');
  };

  /** Removes the first `n` buffered bytes and returns them as views of the reads. */
  const take = (n: number): Buffer[] => {
    const out: Buffer[] = [];
    let left = n;
    while (left > 0) {
      const c = chunks[0]!;
      if (c.length <= left) {
        out.push(c);
        chunks.shift();
        left -= c.length;
      } else {
        out.push(c.subarray(0, left));
        chunks[0] = c.subarray(left);
        left = 0;
      }
    }
    buffered -= n;
    return out;
  };

  socket.on('data', (chunk: Buffer) => {
    if (passThrough) return deliver(chunk);
    if (refused) return;
    chunks.push(chunk);
    buffered += chunk.length;
    while (buffered >= 6) {
      const length = byteAt(2) * 0x1000000 + (byteAt(3) << 16) + (byteAt(4) << 8) + byteAt(5);
      if (length > FRAME_MAX - 6) {
        refused = true;
        chunks = [];
        buffered = 0;
        target.close(`the peer sent a PDU of ${length} bytes, over the ${FRAME_MAX} accepted`);
        // The peer gets the A-ABORT and our FIN; what it still sends is read and dropped, so
        // closing never resets the connection over unread bytes (which could lose the A-ABORT).
        // A peer that does not close in turn is cut, as the ARTIM timer would (PS3.8 §9.1.5).
        socket.end(ABORT_INVALID_PDU);
        const artim = setTimeout(() => socket.destroy(), ABORT_CLOSE_MS);
        artim.unref();
        socket.once('close', () => clearTimeout(artim));
        return;
      }
      if (!PDU_TYPES.has(byteAt(0))) {
        passThrough = true;
        target.close('the peer sent a malformed PDU');
        const rest = chunks;
        chunks = [];
        buffered = 0;
        for (const c of rest) deliver(c);
        return;
      }
      if (buffered < 6 + length) return;
      target.onPdu(take(6 + length));
    }
  });
}
