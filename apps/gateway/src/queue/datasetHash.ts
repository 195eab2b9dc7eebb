import { createHash } from 'node:crypto';

/** Preamble (128) + "DICM" (4) + the (0002,0000) element in Explicit VR LE (12). */
const META_LENGTH_END = 144;

/**
 * SHA-256 of an instance's dataset: the bytes after its File Meta Information (PS3.10 §7.1),
 * fed chunk by chunk. The meta group says who wrote the file (source AE, implementation), so the
 * same instance sent by two machines or copied from a CD differs there only; hashing the dataset
 * lets the queue recognise it as the same instance. Falls back to hashing every byte when the
 * stream does not start with a meta group that states its length (0002,0000).
 */
export class DatasetHash {
  private readonly hash = createHash('sha256');
  private readonly start: Buffer[] = [];
  private seen = 0;
  /** Where the dataset begins, once known. */
  private offset: number | null = null;

  update(chunk: Buffer): void {
    if (this.offset === null) {
      this.start.push(chunk);
      this.seen += chunk.length;
      if (this.seen < META_LENGTH_END) return;
      const head = Buffer.concat(this.start);
      this.start.length = 0;
      this.offset = datasetOffset(head);
      this.feed(head, 0);
      return;
    }
    this.feed(chunk, this.seen);
    this.seen += chunk.length;
  }

  /** Feeds `chunk`, which starts at byte `at` of the stream, from the dataset offset on. */
  private feed(chunk: Buffer, at: number): void {
    const skip = Math.max(0, (this.offset ?? 0) - at);
    if (skip < chunk.length) this.hash.update(chunk.subarray(skip));
  }

  /** The hex digest (a stream shorter than a meta group is hashed whole). */
  digest(): string {
    if (this.offset === null) {
      this.offset = 0;
      this.feed(Buffer.concat(this.start), 0);
    }
    return this.hash.digest('hex');
  }
}

/** The dataset offset from a Part 10 head, or 0 when the head is not one with a group length. */
function datasetOffset(head: Buffer): number {
  if (head.toString('latin1', 128, 132) !== 'DICM') return 0;
  const isGroupLength =
    head.readUInt16LE(132) === 0x0002 &&
    head.readUInt16LE(134) === 0x0000 &&
    head.toString('latin1', 136, 138) === 'UL';
  return isGroupLength ? META_LENGTH_END + head.readUInt32LE(140) : 0;
}
