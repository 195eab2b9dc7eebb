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

/** A PDU item: type, reserved byte, 16-bit length, value (PS3.8 §9.3.2). */
function item(type: number, value: Buffer): Buffer {
  const h = Buffer.alloc(4);
  h[0] = type;
  h.writeUInt16BE(value.length, 2);
  return Buffer.concat([h, value]);
}

/** An A-ASSOCIATE-RQ proposing Verification in Implicit VR Little Endian (PS3.8 §9.3.2). */
export function associateRq(calling: string, called = 'TELERAD'): Buffer {
  const text = (s: string) => Buffer.from(s, 'ascii');
  const fixed = Buffer.alloc(68);
  fixed.writeUInt16BE(1, 0); // protocol version
  text(called.padEnd(16)).copy(fixed, 4);
  text(calling.padEnd(16)).copy(fixed, 20);
  const maxLength = Buffer.alloc(4);
  maxLength.writeUInt32BE(16384);
  const body = Buffer.concat([
    fixed,
    item(0x10, text('1.2.840.10008.3.1.1.1')),
    item(
      0x20,
      Buffer.concat([
        Buffer.from([1, 0, 0, 0]),
        item(0x30, text('1.2.840.10008.1.1')),
        item(0x40, text('1.2.840.10008.1.2')),
      ]),
    ),
    item(0x50, Buffer.concat([item(0x51, maxLength), item(0x52, text('1.2.3.4'))])),
  ]);
  const h = Buffer.alloc(6);
  h[0] = 0x01;
  h.writeUInt32BE(body.length, 2);
  return Buffer.concat([h, body]);
}
