import fs from 'node:fs';
import { readMeta } from '@telerad/dicom';
import dimse from './dimse';

/**
 * A stored object as the dataset of an outgoing C-STORE (C-MOVE and C-GET sub-operations,
 * PS3.4 §C.4.2.3 and §C.4.3.3). When the presentation context carries the stored transfer
 * syntax, the bytes sent are the stored dataset bytes as they are (no parse, no re-encoding).
 * Only when dcmjs-dimse must transcode does it ask for the elements, which are then parsed.
 */
export class StoredDataset extends dimse.Dataset {
  private full: Record<string, unknown> | undefined;

  constructor(
    private readonly path: string,
    transferSyntaxUid: string,
    sopClassUid: string,
    sopInstanceUid: string,
  ) {
    super({ SOPClassUID: sopClassUid, SOPInstanceUID: sopInstanceUid }, transferSyntaxUid);
  }

  /** The dataset bytes after the file's meta group, exactly as stored. */
  override getDenaturalizedDataset(): Buffer {
    const bytes = fs.readFileSync(this.path);
    const meta = readMeta((o, l) => bytes.subarray(o, o + l), bytes.length);
    return bytes.subarray(meta.datasetOffset);
  }

  /** The parsed elements, read on first use (only transcoding needs them). */
  override getElements(): Record<string, unknown> {
    this.full ??= dimse.Dataset.fromFile(this.path)?.getElements();
    return this.full ?? {};
  }
}
