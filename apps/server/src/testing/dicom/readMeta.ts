import { open } from 'node:fs/promises';

/** The file meta group values tests look at (PS3.10 §7.1). */
export interface Part10Meta {
  transferSyntax: string;
  mediaStorageSopClassUid: string;
  mediaStorageSopInstanceUid: string;
  implementationClassUid: string;
}

const META_LIMIT = 64 * 1024;

/**
 * Reads the file meta group of a Part 10 file without a toolkit: checks the preamble magic, then
 * walks the explicit VR little endian group 0002 elements. Throws when the file is not Part 10.
 */
export async function readPart10Meta(path: string): Promise<Part10Meta> {
  const handle = await open(path, 'r');
  let buf: Buffer;
  try {
    const chunk = Buffer.alloc(META_LIMIT);
    const { bytesRead } = await handle.read(chunk, 0, META_LIMIT, 0);
    buf = chunk.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (buf.length < 132 || buf.toString('latin1', 128, 132) !== 'DICM') {
    throw new Error(`${path}: not a DICOM Part 10 file (no DICM magic at offset 128)`);
  }
  const values = new Map<number, string>();
  let pos = 132;
  while (pos + 8 <= buf.length && buf.readUInt16LE(pos) === 0x0002) {
    const element = buf.readUInt16LE(pos + 2);
    const vr = buf.toString('latin1', pos + 4, pos + 6);
    const long = ['OB', 'OW', 'OF', 'SQ', 'UT', 'UN', 'UC', 'UR'].includes(vr);
    const length = long ? buf.readUInt32LE(pos + 8) : buf.readUInt16LE(pos + 6);
    const start = pos + (long ? 12 : 8);
    if (start + length > buf.length) throw new Error(`${path}: truncated file meta group`);
    values.set(element, buf.toString('latin1', start, start + length).replace(/[\0 ]+$/, ''));
    pos = start + length;
  }
  const transferSyntax = values.get(0x0010);
  if (!transferSyntax) throw new Error(`${path}: file meta group has no TransferSyntaxUID`);
  return {
    transferSyntax,
    mediaStorageSopClassUid: values.get(0x0002) ?? '',
    mediaStorageSopInstanceUid: values.get(0x0003) ?? '',
    implementationClassUid: values.get(0x0012) ?? '',
  };
}

/** The Transfer Syntax UID (0002,0010) of a Part 10 file. */
export async function readTransferSyntax(path: string): Promise<string> {
  return (await readPart10Meta(path)).transferSyntax;
}
