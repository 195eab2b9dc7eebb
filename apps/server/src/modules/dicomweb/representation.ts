import { appError } from '../../platform/errors';
import { syntaxName, transcodeRefusal } from '../transcode';
import { covers, multipartChoices, type AcceptRange } from './accept';
import { frameMediaType } from './pixelData';

/**
 * Which representation of instances and frames a WADO-RS request gets (PS3.18 §8.7.3): the
 * transfer syntax asked for in the Accept header, or the default one, provided the transcoding
 * module can produce it without loss from what is stored; `transfer-syntax=*` keeps the stored one.
 */

export const EXPLICIT_VR_LE = '1.2.840.10008.1.2.1';
const RLE = '1.2.840.10008.1.2.5';
/** PS3.18 names RLE frames image/dicom-rle; earlier editions and some clients image/x-dicom-rle. */
const RLE_TYPES = ['image/dicom-rle', 'image/x-dicom-rle'];

/**
 * The transfer syntax each instance is sent in as application/dicom (PS3.18 §8.7.3.5.2 and
 * Table 8.7.3-4): no `transfer-syntax` parameter means Explicit VR Little Endian, `*` means as
 * stored, and a named one must be producible without loss from every stored syntax. The first
 * Accept range that can be honoured wins; NOT_ACCEPTABLE names why none could.
 */
export function instanceSyntax(accept: AcceptRange[], stored: string[]): (ts: string) => string {
  const reasons: string[] = [];
  for (const c of multipartChoices(accept, ['application/dicom'])) {
    if (c.transferSyntax === '*') return (ts) => ts;
    const wanted = c.transferSyntax ?? EXPLICIT_VR_LE;
    const refusals = [...new Set(stored.map((ts) => transcodeRefusal(ts, wanted)))].filter(
      (r): r is string => r !== undefined,
    );
    if (!refusals.length) return () => wanted;
    reasons.push(...refusals);
  }
  throw appError(
    'NOT_ACCEPTABLE',
    { stored },
    `These objects are stored in ${stored.map(syntaxName).join(', ')} and cannot be sent as asked (${[...new Set(reasons)].join('; ')}). Ask with transfer-syntax=* to get them as stored.`,
  );
}

/** How the frames of one instance are sent: part media type and transfer syntax. */
export interface FrameRepresentation {
  type: string;
  ts: string;
  /** The stored object must be transcoded to `ts` first (its stored frames do not fit). */
  transcode: boolean;
}

/**
 * The representation of the frames of an instance stored in `storedTs` (PS3.18 §8.7.3.3 and
 * Table 8.7.3-5): uncompressed application/octet-stream by default (compressed frames decoded),
 * the stored compressed type when asked for it or with `transfer-syntax=*`, or RLE
 * (image/dicom-rle) when it can be produced without loss. NOT_ACCEPTABLE lists what is offered.
 */
export function frameRepresentation(accept: AcceptRange[], storedTs: string): FrameRepresentation {
  const stored = frameMediaType(storedTs);
  const native = stored.ts === EXPLICIT_VR_LE;
  const asStored: FrameRepresentation = { ...stored, transcode: false };
  const decoded: FrameRepresentation = {
    type: 'application/octet-stream',
    ts: EXPLICIT_VR_LE,
    transcode: !native,
  };
  const rle: FrameRepresentation = {
    type: 'image/dicom-rle',
    ts: RLE,
    transcode: storedTs !== RLE,
  };
  const possible = [asStored, decoded, rle].filter(
    (r, i, all) =>
      all.findIndex((o) => o.type === r.type) === i &&
      (!r.transcode || transcodeRefusal(storedTs, r.ts) === undefined),
  );
  const offered = [stored.type, 'application/octet-stream', ...RLE_TYPES];
  for (const c of multipartChoices(accept, offered)) {
    const partType = c.partType && RLE_TYPES.includes(c.partType) ? RLE_TYPES[0]! : c.partType;
    if (c.transferSyntax === '*') {
      // As stored; application/octet-stream may carry the stored bytes of any syntax.
      if (partType === 'application/octet-stream') return { ...asStored, type: partType };
      if (!partType || covers(partType, asStored.type)) return asStored;
      continue;
    }
    // No part type: application/octet-stream, the default for frames, whose default syntax is
    // Explicit VR Little Endian: compressed bytes go out only when asked for by syntax or type.
    const found = possible.find(
      (r) =>
        covers(partType ?? 'application/octet-stream', r.type) &&
        (c.transferSyntax
          ? c.transferSyntax === r.ts
          : r.type !== 'application/octet-stream' || r.ts === EXPLICIT_VR_LE),
    );
    if (found) return partType === c.partType ? found : { ...found, type: c.partType! };
  }
  throw appError(
    'NOT_ACCEPTABLE',
    { stored, offered: possible.map(({ type, ts }) => ({ type, transferSyntax: ts })) },
    `The frames of this instance (stored in ${syntaxName(storedTs)}) are available as ${possible
      .map((r) => `${r.type} (${syntaxName(r.ts)})`)
      .join(', ')}.`,
  );
}
