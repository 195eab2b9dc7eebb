import dcmjs from 'dcmjs';

dcmjs.log.setLevel('error');

/** What the gateway needs from an instance's header: identity, syntax, and rule attributes. */
export interface InstanceHeader {
  sopClassUid: string;
  sopInstanceUid: string;
  studyInstanceUid: string;
  transferSyntaxUid: string;
  /** Top-level attribute text by 8-hex-digit tag (only those asked for). */
  attributes: Record<string, string[]>;
}

/** The bytes are not a DICOM Part 10 instance the gateway can queue; the message says why. */
export class NotDicomError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotDicomError';
  }
}

const PIXEL_DATA = '7FE00010';
const uid = (v: unknown) => (typeof v === 'string' ? v.replace(/[\0 ]+$/, '') : '');

/**
 * Reads the header of a Part 10 instance (PS3.10 §7.1) with dcmjs, up to Pixel Data and never
 * its value, so a large image is not decoded. `bytes` may be the file's beginning only: the
 * caller retries with the whole file when it ends before Pixel Data. Throws `NotDicomError`.
 */
export function readHeader(bytes: Buffer, tags: readonly string[]): InstanceHeader {
  let parsed;
  try {
    const view = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    parsed = dcmjs.data.DicomMessage.readFile(view as ArrayBuffer, {
      untilTag: PIXEL_DATA,
      includeUntilTagValue: false,
    });
  } catch (e) {
    throw new NotDicomError(`not a readable DICOM Part 10 file (${(e as Error).message})`);
  }
  const text = (tag: string, from = parsed.dict) =>
    (from[tag]?.Value ?? []).filter((v): v is string | number => typeof v !== 'object').map(String);
  const header: InstanceHeader = {
    sopClassUid: uid(text('00020002', parsed.meta)[0] ?? text('00080016')[0]),
    sopInstanceUid: uid(text('00020003', parsed.meta)[0] ?? text('00080018')[0]),
    studyInstanceUid: uid(text('0020000D')[0]),
    transferSyntaxUid: uid(text('00020010', parsed.meta)[0]),
    attributes: {},
  };
  for (const [name, value] of Object.entries(header))
    if (value === '') throw new NotDicomError(`the file has no ${name} (a required attribute)`);
  for (const tag of tags) {
    const values = text(tag);
    if (values.length) header.attributes[tag] = values;
  }
  return header;
}
