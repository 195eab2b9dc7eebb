import { createRequire } from 'node:module';
import dcmjsEsm from 'dcmjs';

/**
 * dcmjs decodes every Sequence Item in ISO 8859-1 (WHATWG "latin1", i.e. windows-1252), whatever
 * the dataset's Specific Character Set: `ReadBufferStream.more()`, which cuts out each item to
 * parse, makes a stream with the default decoder instead of the parent's. PS3.5 §7.5.3 says an
 * item inherits the character set of the dataset that encloses it (unless it declares its own).
 * dcmjs writes text as UTF-8, so any object dcmjs reads and writes again (dcmjs-dimse does this
 * to every file it sends by C-STORE) comes out with the text inside its sequences UTF-8-encoded
 * twice ("—" → "â€”"): the report SR's ContentSequence was hit on every delivery.
 *
 * The fix is made where the fault is: each sub-stream takes its parent's decoder, so an item
 * decodes as its dataset declares, and an item's own (0008,0005) still replaces it for that item
 * and its children (dcmjs sets the decoder on the item's stream when it reads the tag).
 */

interface ReadStream {
  decoder: unknown;
  setDecoder(decoder: unknown): void;
  more(length: number): ReadStream;
}
interface DcmjsModule {
  data: { ReadBufferStream: { prototype: ReadStream } };
}

const FIXED = Symbol.for('telerad.dcmjs.itemCharset');

function inheritDecoder(dcmjs: DcmjsModule): void {
  const proto = dcmjs.data.ReadBufferStream.prototype as ReadStream & { [FIXED]?: true };
  if (proto[FIXED]) return;
  const more = proto.more;
  proto.more = function (this: ReadStream, length: number): ReadStream {
    const sub = more.call(this, length);
    sub.setDecoder(this.decoder);
    return sub;
  };
  proto[FIXED] = true;
}

const require = createRequire(import.meta.url);

/**
 * Applies the fix to every copy of dcmjs the server loads: its ES build (what `import` gets),
 * its CommonJS build (what `require` gets; dcmjs ships both) and the copy dcmjs-dimse bundles
 * (another version, resolved from dcmjs-dimse's folder). Idempotent.
 */
export function fixDcmjsItemCharset(): void {
  inheritDecoder(dcmjsEsm as unknown as DcmjsModule);
  inheritDecoder(require('dcmjs') as DcmjsModule);
  const fromDimse = createRequire(require.resolve('dcmjs-dimse'));
  inheritDecoder(fromDimse('dcmjs') as DcmjsModule);
}
