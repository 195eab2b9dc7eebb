/**
 * The transfer syntaxes the DICOM server accepts, as data (PS3.5 §10 and Annex A, PS3.6 Table
 * Association negotiation reads these tables, and so does the test that holds the
 * conformance statement (docs/conformance/DICOM.md) to them: a syntax added here without the
 * statement fails that test.
 */

/** A transfer syntax by UID, with its PS3.6 name. */
export interface TransferSyntaxEntry {
  uid: string;
  name: string;
  /** Retired from the standard (PS3.5 Annex A); still accepted from old devices. */
  retired?: true;
}

/** Implicit VR Little Endian, the DICOM default transfer syntax (PS3.5 §10.1). */
export const IMPLICIT_LE = '1.2.840.10008.1.2';
/** Explicit VR Little Endian (PS3.5 §A.2). */
export const EXPLICIT_LE = '1.2.840.10008.1.2.1';

const jpegRetired = (n: number, process: string): TransferSyntaxEntry => ({
  uid: `1.2.840.10008.1.2.4.${n}`,
  name: `JPEG Extended / Full Progression / Lossless (${process})`,
  retired: true,
});

/**
 * Transfer syntaxes a C-STORE is accepted in and stored as sent. Ingest only walks element
 * headers, so it never needs to decode pixel data to store an object: every native and
 * encapsulated syntax of the standard is accepted, including the retired JPEG processes (a
 * clinic's old modality must not be turned away).
 */
export const STORAGE_TRANSFER_SYNTAXES: readonly TransferSyntaxEntry[] = [
  { uid: IMPLICIT_LE, name: 'Implicit VR Little Endian' },
  { uid: EXPLICIT_LE, name: 'Explicit VR Little Endian' },
  {
    uid: '1.2.840.10008.1.2.1.98',
    name: 'Encapsulated Uncompressed Explicit VR Little Endian',
  },
  { uid: '1.2.840.10008.1.2.1.99', name: 'Deflated Explicit VR Little Endian' },
  { uid: '1.2.840.10008.1.2.2', name: 'Explicit VR Big Endian', retired: true },
  { uid: '1.2.840.10008.1.2.5', name: 'RLE Lossless' },
  { uid: '1.2.840.10008.1.2.8.1', name: 'Deflated Image Frame Compression' },
  { uid: '1.2.840.10008.1.2.4.50', name: 'JPEG Baseline (Process 1)' },
  { uid: '1.2.840.10008.1.2.4.51', name: 'JPEG Extended (Process 2 & 4)' },
  jpegRetired(52, 'Process 3 & 5'),
  jpegRetired(53, 'Process 6 & 8'),
  jpegRetired(54, 'Process 7 & 9'),
  jpegRetired(55, 'Process 10 & 12'),
  jpegRetired(56, 'Process 11 & 13'),
  { uid: '1.2.840.10008.1.2.4.57', name: 'JPEG Lossless, Non-Hierarchical (Process 14)' },
  jpegRetired(58, 'Process 15'),
  jpegRetired(59, 'Process 16 & 18'),
  jpegRetired(60, 'Process 17 & 19'),
  jpegRetired(61, 'Process 20 & 22'),
  jpegRetired(62, 'Process 21 & 23'),
  jpegRetired(63, 'Process 24 & 26'),
  jpegRetired(64, 'Process 25 & 27'),
  jpegRetired(65, 'Process 28'),
  jpegRetired(66, 'Process 29'),
  { uid: '1.2.840.10008.1.2.4.70', name: 'JPEG Lossless, First-Order Prediction (SV1)' },
  { uid: '1.2.840.10008.1.2.4.80', name: 'JPEG-LS Lossless' },
  { uid: '1.2.840.10008.1.2.4.81', name: 'JPEG-LS Near-Lossless' },
  { uid: '1.2.840.10008.1.2.4.90', name: 'JPEG 2000 (Lossless Only)' },
  { uid: '1.2.840.10008.1.2.4.91', name: 'JPEG 2000' },
  { uid: '1.2.840.10008.1.2.4.92', name: 'JPEG 2000 Part 2 Multi-component (Lossless Only)' },
  { uid: '1.2.840.10008.1.2.4.93', name: 'JPEG 2000 Part 2 Multi-component' },
  { uid: '1.2.840.10008.1.2.4.94', name: 'JPIP Referenced' },
  { uid: '1.2.840.10008.1.2.4.95', name: 'JPIP Referenced Deflate' },
  { uid: '1.2.840.10008.1.2.4.100', name: 'MPEG2 Main Profile / Main Level' },
  { uid: '1.2.840.10008.1.2.4.101', name: 'MPEG2 Main Profile / High Level' },
  { uid: '1.2.840.10008.1.2.4.102', name: 'MPEG-4 AVC/H.264 High Profile / Level 4.1' },
  {
    uid: '1.2.840.10008.1.2.4.103',
    name: 'MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1',
  },
  { uid: '1.2.840.10008.1.2.4.104', name: 'MPEG-4 AVC/H.264 High Profile For 2D Video' },
  { uid: '1.2.840.10008.1.2.4.105', name: 'MPEG-4 AVC/H.264 High Profile For 3D Video' },
  { uid: '1.2.840.10008.1.2.4.106', name: 'MPEG-4 AVC/H.264 Stereo High Profile' },
  { uid: '1.2.840.10008.1.2.4.107', name: 'HEVC/H.265 Main Profile / Level 5.1' },
  { uid: '1.2.840.10008.1.2.4.108', name: 'HEVC/H.265 Main 10 Profile / Level 5.1' },
  { uid: '1.2.840.10008.1.2.4.110', name: 'JPEG XL Lossless' },
  { uid: '1.2.840.10008.1.2.4.111', name: 'JPEG XL JPEG Recompression' },
  { uid: '1.2.840.10008.1.2.4.112', name: 'JPEG XL' },
  { uid: '1.2.840.10008.1.2.4.201', name: 'High-Throughput JPEG 2000 (Lossless Only)' },
  {
    uid: '1.2.840.10008.1.2.4.202',
    name: 'High-Throughput JPEG 2000 with RPCL Options (Lossless Only)',
  },
  { uid: '1.2.840.10008.1.2.4.203', name: 'High-Throughput JPEG 2000' },
  { uid: '1.2.840.10008.1.2.4.204', name: 'JPIP HTJ2K Referenced' },
  { uid: '1.2.840.10008.1.2.4.205', name: 'JPIP HTJ2K Referenced Deflate' },
];

/**
 * Transfer syntaxes of the presentation contexts of Verification and Query/Retrieve (C-ECHO,
 * C-FIND, C-MOVE and C-GET commands and identifiers): uncompressed little endian only.
 */
export const QUERY_TRANSFER_SYNTAXES: readonly TransferSyntaxEntry[] = [
  { uid: IMPLICIT_LE, name: 'Implicit VR Little Endian' },
  { uid: EXPLICIT_LE, name: 'Explicit VR Little Endian' },
];

const storable = new Set(STORAGE_TRANSFER_SYNTAXES.map((t) => t.uid));
const queryable = new Set(QUERY_TRANSFER_SYNTAXES.map((t) => t.uid));

/** Whether a C-STORE in this transfer syntax is accepted and stored as sent. */
export function isStorableTransferSyntax(uid: string): boolean {
  return storable.has(uid);
}

/** Whether a Verification or Query/Retrieve context is accepted in this transfer syntax. */
export function isQueryTransferSyntax(uid: string): boolean {
  return queryable.has(uid);
}
