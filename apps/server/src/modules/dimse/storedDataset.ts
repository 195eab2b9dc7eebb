import fs from 'node:fs';
import { readMeta } from '@telerad/dicom';
import { transcode, transcodeRefusal } from '../transcode';
import dimse from './dimse';
import { EXPLICIT_LE, IMPLICIT_LE } from './association';

/**
 * A stored object as the dataset of an outgoing C-STORE (C-MOVE and C-GET sub-operations,
 * PS3.4 §C.4.2.3 and §C.4.3.3). When the presentation context carries the stored transfer
 * syntax, the bytes sent are the stored dataset bytes as they are (no parse, no re-encoding).
 * Otherwise {@link StoredDataset.sendIn} picks, among the syntaxes the peer accepted, one the
 * transcoding module produces without loss, and {@link StoredDataset.prepareAsync} transcodes it
 * on the transcoding thread before it is handed to the library. dcmjs-dimse's own transcoder
 * never runs on it: it would work on the event loop, and could encode into a lossy syntax.
 */
export class StoredDataset extends dimse.Dataset {
  private target: string | undefined;
  private refusal: string | undefined;
  private transcoded: Buffer | undefined;

  constructor(
    private readonly path: string,
    private readonly storedSyntax: string,
    sopClassUid: string,
    sopInstanceUid: string,
  ) {
    super({ SOPClassUID: sopClassUid, SOPInstanceUID: sopInstanceUid }, storedSyntax);
  }

  /**
   * Chooses the syntax to send in from those the peer accepted for this SOP class: the stored
   * one when accepted, else Explicit VR Little Endian, Implicit VR Little Endian, then any other
   * accepted one, the first that can be produced without loss. Returns it, or undefined (and the
   * object is not sent: the sub-operation fails) when none can.
   */
  sendIn(accepted: readonly string[]): string | undefined {
    const order = [this.storedSyntax, EXPLICIT_LE, IMPLICIT_LE, ...accepted];
    this.target = order.find(
      (ts) => accepted.includes(ts) && !transcodeRefusal(this.storedSyntax, ts),
    );
    this.refusal = this.target
      ? undefined
      : `none of ${accepted.join(', ')} can be produced from ${this.storedSyntax} without loss`;
    this.transcoded = undefined;
    return this.target;
  }

  /** The syntax the dataset goes out in (the stored one until {@link sendIn} chose another). */
  override getTransferSyntaxUid(): string {
    return this.target ?? this.storedSyntax;
  }

  /**
   * Transcodes now, on the transcoding thread, when the syntax chosen is not the stored one, so
   * that a failure is known before the object is sent (rejects with DICOM_TRANSCODE_FAILED).
   */
  async prepareAsync(): Promise<void> {
    if (this.target && this.target !== this.storedSyntax && !this.transcoded) {
      const target = this.target;
      const out = await transcode(await fs.promises.readFile(this.path), this.storedSyntax, target);
      if (this.target === target) this.transcoded = out.part10.subarray(out.datasetOffset);
    }
  }

  /**
   * The dataset bytes after the file's meta group: as stored, or as transcoded by
   * {@link prepareAsync}. Never transcodes itself: on the event loop that would stall every
   * association for the seconds a large image takes, so an object not prepared is not sent.
   */
  override getDenaturalizedDataset(): Buffer {
    if (this.target && this.target !== this.storedSyntax) {
      if (!this.transcoded)
        throw new Error(`Not sent: not yet transcoded to ${this.target} (prepareAsync).`);
      return this.transcoded;
    }
    const bytes = fs.readFileSync(this.path);
    const meta = readMeta((o, l) => bytes.subarray(o, o + l), bytes.length);
    return bytes.subarray(meta.datasetOffset);
  }

  /**
   * The parsed elements. dcmjs-dimse asks for them only to transcode with its own transcoder,
   * which happens when no accepted syntax could be produced without loss: refused, so the
   * sub-operation fails instead of going out re-encoded with loss.
   */
  override getElements(): Record<string, unknown> {
    if (this.refusal) throw new Error(`Not sent: ${this.refusal}.`);
    return dimse.Dataset.fromFile(this.path)?.getElements() ?? {};
  }
}
