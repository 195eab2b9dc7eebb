/**
 * The P-DATA-TF layer of the DICOM upper layer protocol (PS3.8 §9.3.5, Annex E) and the command
 * sets of C-STORE (PS3.7 §9.3.1), read and written directly: enough for ingest's hot path to
 * take a C-STORE request off the wire and answer it without building message objects. Every
 * other message is left to dcmjs-dimse (storeRouter.ts).
 */

/** PDU type of P-DATA-TF. */
export const P_DATA_TF = 0x04;

/** Command Field values (PS3.7 §E.1). */
export const C_STORE_RQ = 0x0001;
export const C_STORE_RSP = 0x8001;
/** Command Data Set Type meaning "no dataset follows" (PS3.7 §E.1). */
export const NO_DATASET = 0x0101;

/** One presentation data value: a fragment of a command or of a dataset. */
export interface Pdv {
  pcId: number;
  command: boolean;
  last: boolean;
  /** Views of the PDU's bytes, not copies: a PDU read from the socket spans several reads. */
  value: Buffer[];
}

/** The PDU is not a well-formed P-DATA-TF. */
export class PduFormatError extends Error {}

/** Joins a value's views into one buffer (a copy only when there are several). */
export function joined(parts: Buffer[]): Buffer {
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

/**
 * Sequential reads over a PDU held as several buffers (the socket reads it arrived in): small
 * header fields are read byte by byte, values are returned as views.
 */
class PartsCursor {
  private part = 0;
  private partStart = 0;
  constructor(private readonly parts: Buffer[]) {}

  /** Moves to the part holding `offset` (offsets only grow). */
  private seek(offset: number): void {
    while (offset >= this.partStart + this.parts[this.part]!.length) {
      this.partStart += this.parts[this.part]!.length;
      this.part++;
    }
  }

  byte(offset: number): number {
    this.seek(offset);
    return this.parts[this.part]![offset - this.partStart]!;
  }

  uint32BE(offset: number): number {
    return (
      this.byte(offset) * 0x1000000 +
      ((this.byte(offset + 1) << 16) | (this.byte(offset + 2) << 8) | this.byte(offset + 3))
    );
  }

  /** `length` bytes from `offset` as views of the parts. */
  views(offset: number, length: number): Buffer[] {
    const out: Buffer[] = [];
    let at = offset;
    const end = offset + length;
    while (at < end) {
      this.seek(at);
      const p = this.parts[this.part]!;
      const from = at - this.partStart;
      const to = Math.min(p.length, from + (end - at));
      out.push(p.subarray(from, to));
      at += to - from;
    }
    return out;
  }
}

/**
 * The PDVs of a whole P-DATA-TF PDU (6-byte header included), given as the buffers it arrived
 * in, as views of its bytes.
 */
export function readPdvs(parts: Buffer[]): Pdv[] {
  const size = parts.reduce((n, p) => n + p.length, 0);
  if (size < 6) throw new PduFormatError('not a P-DATA-TF PDU');
  const c = new PartsCursor(parts);
  if (c.byte(0) !== P_DATA_TF) throw new PduFormatError('not a P-DATA-TF PDU');
  const end = 6 + c.uint32BE(2);
  if (end !== size) throw new PduFormatError('PDU length does not match its bytes');
  const pdvs: Pdv[] = [];
  let at = 6;
  while (at < end) {
    if (end - at < 6) throw new PduFormatError('truncated PDV item');
    const length = c.uint32BE(at);
    if (length < 2 || at + 4 + length > end) throw new PduFormatError('PDV item length');
    const control = c.byte(at + 5);
    pdvs.push({
      pcId: c.byte(at + 4),
      command: (control & 1) === 1,
      last: (control & 2) === 2,
      value: c.views(at + 6, length - 2),
    });
    at += 4 + length;
  }
  if (pdvs.length === 0) throw new PduFormatError('P-DATA-TF without PDVs');
  return pdvs;
}

/** A PDV to write: its value in one buffer. */
export type PdvOut = Omit<Pdv, 'value'> & { value: Buffer };

/** A P-DATA-TF PDU holding `pdvs` (each value copied in). */
export function writePdu(pdvs: PdvOut[]): Buffer {
  const length = pdvs.reduce((n, p) => n + 6 + p.value.length, 0);
  const out = Buffer.allocUnsafe(6 + length);
  out[0] = P_DATA_TF;
  out[1] = 0;
  out.writeUInt32BE(length, 2);
  let at = 6;
  for (const p of pdvs) {
    out.writeUInt32BE(2 + p.value.length, at);
    out[at + 4] = p.pcId;
    out[at + 5] = (p.command ? 1 : 0) | (p.last ? 2 : 0);
    p.value.copy(out, at + 6);
    at += 6 + p.value.length;
  }
  return out;
}

/**
 * PDUs carrying one command set on context `pcId`, split into fragments so that no PDU is longer
 * than `maxPduLength`, the peer's Maximum Length Received (0: no limit).
 */
export function commandPdus(pcId: number, command: Buffer, maxPduLength: number): Buffer[] {
  const room = maxPduLength > 6 ? maxPduLength - 6 : command.length || 1;
  const out: Buffer[] = [];
  for (let at = 0; at < command.length || out.length === 0; at += room) {
    const value = command.subarray(at, at + room);
    out.push(writePdu([{ pcId, command: true, last: at + room >= command.length, value }]));
  }
  return out;
}

/** A command set's elements (group 0000, Implicit VR Little Endian; PS3.7 §6.3), by element. */
export type CommandSet = Map<number, Buffer>;

/** Reads a command set; throws on a malformed one. */
export function readCommand(bytes: Buffer): CommandSet {
  const out: CommandSet = new Map();
  let at = 0;
  while (at < bytes.length) {
    if (bytes.length - at < 8) throw new PduFormatError('truncated command element');
    const group = bytes.readUInt16LE(at);
    const element = bytes.readUInt16LE(at + 2);
    const length = bytes.readUInt32LE(at + 4);
    if (group !== 0 || at + 8 + length > bytes.length)
      throw new PduFormatError('command element outside group 0000 or past the end');
    out.set(element, bytes.subarray(at + 8, at + 8 + length));
    at += 8 + length;
  }
  return out;
}

/** A US value of a command set, or undefined. */
export function commandUs(c: CommandSet, element: number): number | undefined {
  const v = c.get(element);
  return v && v.length >= 2 ? v.readUInt16LE(0) : undefined;
}

/** A UI or AE value of a command set without its padding, or ''. */
export function commandText(c: CommandSet, element: number): string {
  const v = c.get(element);
  return v ? v.toString('latin1').replace(/[\0 ]+$/, '') : '';
}

/** The fields of a C-STORE request that ingest and its response need. */
export interface CStoreRequestFields {
  messageId: number;
  sopClassUid: string;
  sopInstanceUid: string;
}

/** Whether a command set says a dataset follows (Command Data Set Type, PS3.7 §E.1). */
export function hasDataset(c: CommandSet): boolean {
  return commandUs(c, 0x0800) !== NO_DATASET;
}

/** A C-STORE request's fields, or null when the command set is not a C-STORE-RQ. */
export function cStoreRequest(c: CommandSet): CStoreRequestFields | null {
  if (commandUs(c, 0x0100) !== C_STORE_RQ) return null;
  return {
    messageId: commandUs(c, 0x0110) ?? 0,
    sopClassUid: commandText(c, 0x0002),
    sopInstanceUid: commandText(c, 0x1000),
  };
}

/** The command set of a C-STORE response (PS3.7 §9.3.1.2), with its group length. */
export function cStoreResponse(
  rq: CStoreRequestFields,
  status: number,
  errorComment?: string,
): Buffer {
  // UIs are padded with NUL, text with a space, to even length (PS3.5 §6.2).
  const even = (n: number) => n + (n % 2);
  const classLength = even(Buffer.byteLength(rq.sopClassUid, 'latin1'));
  const instanceLength = even(Buffer.byteLength(rq.sopInstanceUid, 'latin1'));
  const commentLength = errorComment ? even(Buffer.byteLength(errorComment, 'latin1')) : 0;
  const body =
    8 + classLength + 4 * (8 + 2) + (errorComment ? 8 + commentLength : 0) + 8 + instanceLength;
  // One buffer, written in place: a response goes out for every instance received.
  const out = Buffer.alloc(12 + body);
  let at = 0;
  const head = (el: number, length: number) => {
    out.writeUInt16LE(0, at);
    out.writeUInt16LE(el, at + 2);
    out.writeUInt32LE(length, at + 4);
    at += 8;
  };
  const text = (el: number, value: string, length: number, pad: number) => {
    head(el, length);
    const written = out.write(value, at, 'latin1');
    if (written < length) out[at + written] = pad;
    at += length;
  };
  const us = (el: number, n: number) => {
    head(el, 2);
    out.writeUInt16LE(n, at);
    at += 2;
  };
  head(0x0000, 4);
  out.writeUInt32LE(body, at);
  at += 4;
  text(0x0002, rq.sopClassUid, classLength, 0);
  us(0x0100, C_STORE_RSP);
  us(0x0120, rq.messageId);
  us(0x0800, NO_DATASET);
  us(0x0900, status);
  if (errorComment) text(0x0902, errorComment, commentLength, 0x20);
  text(0x1000, rq.sopInstanceUid, instanceLength, 0);
  return out;
}
