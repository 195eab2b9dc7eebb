/**
 * The File Meta Information written in front of a dataset received over DIMSE, so that what is
 * stored is a complete DICOM Part 10 file (PS3.10 §7.1): 128-byte preamble, "DICM", then group
 * 0002 in Explicit VR Little Endian whatever the dataset's transfer syntax. The dataset bytes that
 * follow are exactly those received, never re-encoded.
 */

/** What the meta group records about one received object. */
export interface MetaFields {
  /** (0002,0002): the Affected SOP Class UID of the C-STORE request. */
  sopClassUid: string;
  /** (0002,0003): the Affected SOP Instance UID of the C-STORE request. */
  sopInstanceUid: string;
  /** (0002,0010): the transfer syntax accepted for the presentation context. */
  transferSyntaxUid: string;
  /** (0002,0016): Source Application Entity Title, the calling AE. */
  sourceAeTitle: string;
}

/** The receiving application (PS3.7 §D.3.3.2): its Implementation Class UID and Version Name. */
export interface Implementation {
  classUid: string;
  /** At most 16 characters. */
  versionName: string;
}

/** One explicit VR little endian element with a 16-bit length, value padded to even length. */
function element(el: number, vr: 'UI' | 'SH' | 'AE' | 'UL', value: Buffer): Buffer {
  const padded =
    value.length % 2 === 0
      ? value
      : Buffer.concat([value, Buffer.from(vr === 'UI' ? [0] : [0x20])]);
  const head = Buffer.alloc(8);
  head.writeUInt16LE(0x0002, 0);
  head.writeUInt16LE(el, 2);
  head.write(vr, 4, 'latin1');
  head.writeUInt16LE(padded.length, 6);
  return Buffer.concat([head, padded]);
}

/** (0002,0001) File Meta Information Version: OB, 32-bit length, value 00\01. */
function versionElement(): Buffer {
  const b = Buffer.alloc(14);
  b.writeUInt16LE(0x0002, 0);
  b.writeUInt16LE(0x0001, 2);
  b.write('OB', 4, 'latin1');
  b.writeUInt32LE(2, 8);
  b[13] = 0x01;
  return b;
}

const text = (s: string) => Buffer.from(s.trim(), 'latin1');

/**
 * Builds preamble + "DICM" + group 0002 (with its group length) for `fields`, naming
 * `implementation` as the writer. UIDs are padded with NUL, text with a space (PS3.5 §6.2).
 */
export function buildPart10Meta(fields: MetaFields, implementation: Implementation): Buffer {
  const body = Buffer.concat([
    versionElement(),
    element(0x0002, 'UI', text(fields.sopClassUid)),
    element(0x0003, 'UI', text(fields.sopInstanceUid)),
    element(0x0010, 'UI', text(fields.transferSyntaxUid)),
    element(0x0012, 'UI', text(implementation.classUid)),
    element(0x0013, 'SH', text(implementation.versionName)),
    element(0x0016, 'AE', text(fields.sourceAeTitle).subarray(0, 16)),
  ]);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(body.length, 0);
  return Buffer.concat([
    Buffer.alloc(128),
    Buffer.from('DICM', 'latin1'),
    element(0x0000, 'UL', length),
    body,
  ]);
}
