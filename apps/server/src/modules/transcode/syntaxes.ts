/**
 * The transfer syntaxes Telerad can read (decode to native pixels) and produce (encode without
 * loss from native pixels), PS3.5 §10 and Annex A. One table for every path that changes a stored
 * object's syntax — WADO-RS instances and frames, C-GET and C-MOVE sub-operations — and the one
 * the DICOM Conformance Statement is checked against. A syntax absent here is kept as stored.
 */

/** What Telerad can do with one transfer syntax. */
export interface TransferSyntaxSupport {
  uid: string;
  name: string;
  /** Pixel Data is encapsulated (PS3.5 §A.4) rather than native. */
  encapsulated: boolean;
  /** The syntax itself loses information when it encodes (the pixels it carries may be lossy). */
  lossy: boolean;
  /** An object stored in this syntax can be decoded to native pixels (and so sent in another). */
  read: boolean;
  /** An object can be encoded into this syntax from native pixels without losing anything. */
  produce: boolean;
}

const ts = (
  uid: string,
  name: string,
  o: { encapsulated?: boolean; lossy?: boolean; read?: boolean; produce?: boolean } = {},
): TransferSyntaxSupport => ({
  uid,
  name,
  encapsulated: o.encapsulated ?? true,
  lossy: o.lossy ?? false,
  read: o.read ?? true,
  produce: o.produce ?? false,
});

export const IMPLICIT_VR_LE = '1.2.840.10008.1.2';
export const EXPLICIT_VR_LE = '1.2.840.10008.1.2.1';
export const DEFLATED_EXPLICIT_VR_LE = '1.2.840.10008.1.2.1.99';
export const EXPLICIT_VR_BE = '1.2.840.10008.1.2.2';
export const JPEG_BASELINE = '1.2.840.10008.1.2.4.50';
export const JPEG_EXTENDED = '1.2.840.10008.1.2.4.51';
export const JPEG_LOSSLESS = '1.2.840.10008.1.2.4.57';
export const JPEG_LOSSLESS_SV1 = '1.2.840.10008.1.2.4.70';
export const RLE_LOSSLESS = '1.2.840.10008.1.2.5';

/**
 * Every syntax Telerad reads or produces. Producing is limited to the native syntaxes and to the
 * lossless encodings whose output an independent decoder (DCMTK's dcmdrle, dcmdjpls) verifies
 * in the tests; the lossy ones are never produced, since that would lose information.
 */
export const TRANSFER_SYNTAXES: readonly TransferSyntaxSupport[] = [
  ts(IMPLICIT_VR_LE, 'Implicit VR Little Endian', { encapsulated: false, produce: true }),
  ts(EXPLICIT_VR_LE, 'Explicit VR Little Endian', { encapsulated: false, produce: true }),
  ts(DEFLATED_EXPLICIT_VR_LE, 'Deflated Explicit VR Little Endian', { encapsulated: false }),
  ts(EXPLICIT_VR_BE, 'Explicit VR Big Endian (retired)', { encapsulated: false, produce: true }),
  ts(JPEG_BASELINE, 'JPEG Baseline (Process 1)', { lossy: true }),
  ts(JPEG_EXTENDED, 'JPEG Extended (Process 2 & 4)', { lossy: true }),
  ts(JPEG_LOSSLESS, 'JPEG Lossless, Non-Hierarchical (Process 14)'),
  ts(JPEG_LOSSLESS_SV1, 'JPEG Lossless, Non-Hierarchical, First-Order Prediction (SV1)'),
  ts('1.2.840.10008.1.2.4.80', 'JPEG-LS Lossless', { produce: true }),
  ts('1.2.840.10008.1.2.4.81', 'JPEG-LS Lossy (Near-Lossless)', { lossy: true }),
  ts('1.2.840.10008.1.2.4.90', 'JPEG 2000 (Lossless Only)'),
  ts('1.2.840.10008.1.2.4.91', 'JPEG 2000', { lossy: true }),
  ts('1.2.840.10008.1.2.4.201', 'High-Throughput JPEG 2000 (Lossless Only)'),
  ts('1.2.840.10008.1.2.4.202', 'High-Throughput JPEG 2000 with RPCL Options (Lossless Only)'),
  ts('1.2.840.10008.1.2.4.203', 'High-Throughput JPEG 2000', { lossy: true }),
  ts(RLE_LOSSLESS, 'RLE Lossless', { produce: true }),
];

const BY_UID = new Map(TRANSFER_SYNTAXES.map((s) => [s.uid, s]));

/** What Telerad can do with `uid`, or undefined for a syntax it only keeps as stored. */
export function syntaxSupport(uid: string): TransferSyntaxSupport | undefined {
  return BY_UID.get(uid);
}

/** The name of a transfer syntax for messages: its name when known, else its UID. */
export function syntaxName(uid: string): string {
  return BY_UID.get(uid)?.name ?? uid;
}
