/** Transfer syntax UIDs the fixtures produce (PS3.5 §10, PS3.6 Annex A). */
export const TS = {
  implicitLE: '1.2.840.10008.1.2',
  explicitLE: '1.2.840.10008.1.2.1',
  deflatedLE: '1.2.840.10008.1.2.1.99',
  explicitBE: '1.2.840.10008.1.2.2',
  jpegBaseline: '1.2.840.10008.1.2.4.50',
  jpegExtended: '1.2.840.10008.1.2.4.51',
  jpegLosslessSV1: '1.2.840.10008.1.2.4.70',
  jpegLsLossless: '1.2.840.10008.1.2.4.80',
  jpegLsNearLossless: '1.2.840.10008.1.2.4.81',
  j2kLossless: '1.2.840.10008.1.2.4.90',
  j2k: '1.2.840.10008.1.2.4.91',
  htj2kLossless: '1.2.840.10008.1.2.4.201',
  htj2kRpclLossless: '1.2.840.10008.1.2.4.202',
  htj2k: '1.2.840.10008.1.2.4.203',
  rleLossless: '1.2.840.10008.1.2.5',
} as const;

/** Short, file-name-safe key of a transfer syntax, e.g. `jpeg-ls-lossless`. */
export type SyntaxKey = keyof typeof TS;

/** How the fixtures produce a syntax: own writer, a DCMTK command line, or dcmjs-codecs WASM. */
export type Producer = 'native' | 'dcmtk' | 'wasm';

/** What a transfer syntax is and what it needs from the pixels. */
export interface SyntaxInfo {
  key: SyntaxKey;
  uid: string;
  name: string;
  encapsulated: boolean;
  lossy: boolean;
  /** Highest BitsStored the syntax can carry (JPEG baseline 8, extended 12). */
  maxBitsStored: number;
  /** Value of LossyImageCompressionMethod (0028,2114) for lossy syntaxes (PS3.3 §C.7.6.1.1.5). */
  lossyMethod?: string;
}

const info = (
  key: SyntaxKey,
  name: string,
  opts: { lossy?: boolean; encapsulated?: boolean; maxBits?: number; method?: string } = {},
): SyntaxInfo => ({
  key,
  uid: TS[key],
  name,
  encapsulated: opts.encapsulated ?? true,
  lossy: opts.lossy ?? false,
  maxBitsStored: opts.maxBits ?? 16,
  ...(opts.method ? { lossyMethod: opts.method } : {}),
});

/** Every syntax the fixtures know, in a stable order (uncompressed first). */
export const SYNTAXES: readonly SyntaxInfo[] = [
  info('implicitLE', 'Implicit VR Little Endian', { encapsulated: false }),
  info('explicitLE', 'Explicit VR Little Endian', { encapsulated: false }),
  info('deflatedLE', 'Deflated Explicit VR Little Endian', { encapsulated: false }),
  info('explicitBE', 'Explicit VR Big Endian (retired)', { encapsulated: false }),
  info('jpegBaseline', 'JPEG Baseline (Process 1)', {
    lossy: true,
    maxBits: 8,
    method: 'ISO_10918_1',
  }),
  info('jpegExtended', 'JPEG Extended (Process 2 & 4)', {
    lossy: true,
    maxBits: 12,
    method: 'ISO_10918_1',
  }),
  info('jpegLosslessSV1', 'JPEG Lossless, First-Order Prediction (Process 14 SV1)'),
  info('jpegLsLossless', 'JPEG-LS Lossless'),
  info('jpegLsNearLossless', 'JPEG-LS Near-Lossless', { lossy: true, method: 'ISO_14495_1' }),
  info('j2kLossless', 'JPEG 2000 Lossless Only'),
  info('j2k', 'JPEG 2000 (lossy)', { lossy: true, method: 'ISO_15444_1' }),
  info('htj2kLossless', 'High-Throughput JPEG 2000 Lossless Only'),
  info('htj2kRpclLossless', 'High-Throughput JPEG 2000 with RPCL Options Lossless Only'),
  info('htj2k', 'High-Throughput JPEG 2000 (lossy)', { lossy: true, method: 'ISO_15444_15' }),
  info('rleLossless', 'RLE Lossless'),
];

/** Looks a syntax up by key or UID; throws on an unknown one. */
export function syntaxInfo(keyOrUid: string): SyntaxInfo {
  const found = SYNTAXES.find((s) => s.key === keyOrUid || s.uid === keyOrUid);
  if (!found) throw new Error(`unknown transfer syntax: ${keyOrUid}`);
  return found;
}
