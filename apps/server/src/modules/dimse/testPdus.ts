import { C_STORE_RQ, writePdu } from './pdata';

/** Test PDUs and command sets, as a peer would send them. */

/** A command set as a peer would encode it (Implicit VR Little Endian, group 0000). */
export function encodeCommand(elements: [number, Buffer][]): Buffer {
  const parts = elements.map(([el, v]) => {
    const h = Buffer.alloc(8);
    h.writeUInt16LE(el, 2);
    h.writeUInt32LE(v.length, 4);
    return Buffer.concat([h, v]);
  });
  const body = Buffer.concat(parts);
  const gl = Buffer.alloc(12);
  gl.writeUInt32LE(4, 4);
  gl.writeUInt32LE(body.length, 8);
  return Buffer.concat([gl, body]);
}

export const us = (n: number) => Buffer.from([n & 0xff, n >> 8]);
export const ui = (s: string) => Buffer.from(s.length % 2 ? `${s}\0` : s, 'latin1');

/** A C-STORE-RQ command set (PS3.7 §9.3.1.1). */
export function storeCommand(messageId: number, sopUid = '1.2.3.4'): Buffer {
  return encodeCommand([
    [0x0002, ui('1.2.840.10008.5.1.4.1.1.1')],
    [0x0100, us(C_STORE_RQ)],
    [0x0110, us(messageId)],
    [0x0700, us(0)],
    [0x0800, us(0x0000)],
    [0x1000, ui(sopUid)],
  ]);
}

/** One PDU of PDVs given as [pcId, command, last, value]. */
export function pdu(...pdvs: [number, boolean, boolean, Buffer | string][]): Buffer {
  return writePdu(
    pdvs.map(([pcId, command, last, value]) => ({
      pcId,
      command,
      last,
      value: typeof value === 'string' ? Buffer.from(value) : value,
    })),
  );
}
