import fsp from 'node:fs/promises';
import type { ByteReader } from '@telerad/dicom';

/** Bytes read from the file at a time, at least: a header and its neighbours in one read. */
const WINDOW = 256 * 1024;

/** Asked of the reader for bytes that are not loaded yet: load them, then parse again. */
class NeedBytes {
  constructor(
    readonly offset: number,
    readonly length: number,
  ) {}
}

/**
 * Runs `parse`, a synchronous parser that reads a file through a `ByteReader` (the DICOM
 * structure walk, frame location), without blocking the event loop on the file, which every
 * association and request shares and which a cold read from disk would hold for milliseconds.
 *
 * The reader answers from windows already read; a range not loaded stops the parse, is read on
 * the thread pool (at least `WINDOW` bytes), and the parse runs again from the start. So `parse`
 * must have no side effects before it returns. A parse that reads forward through the file runs
 * once per window it needs; a header parse, once or twice. As with a file read, a range past
 * the end comes back short.
 */
export async function parseFile<T>(
  file: string,
  parse: (read: ByteReader, size: number) => T,
): Promise<T> {
  const fh = await fsp.open(file, 'r');
  try {
    let size = (await fh.stat()).size;
    const windows: { start: number; bytes: Buffer }[] = [];
    const read: ByteReader = (offset, length) => {
      const end = Math.min(offset + length, size);
      if (end <= offset) return Buffer.alloc(0);
      for (const w of windows)
        if (offset >= w.start && end <= w.start + w.bytes.length)
          return w.bytes.subarray(offset - w.start, end - w.start);
      throw new NeedBytes(offset, end - offset);
    };
    for (;;) {
      try {
        return parse(read, size);
      } catch (e) {
        if (!(e instanceof NeedBytes)) throw e;
        const length = Math.min(Math.max(e.length, WINDOW), size - e.offset);
        const bytes = Buffer.allocUnsafe(length);
        const { bytesRead } = await fh.read(bytes, 0, length, e.offset);
        // A file shorter than it was when opened ends where its last read ended.
        if (bytesRead < e.length) size = e.offset + bytesRead;
        windows.push({ start: e.offset, bytes: bytes.subarray(0, bytesRead) });
      }
    }
  } finally {
    await fh.close();
  }
}
