import { createRequire } from 'node:module';
import dcmjsEsm from 'dcmjs';
import { DependencyShapeError, installedVersion } from '../../platform/dependencyShape';

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
  data: {
    ReadBufferStream: { prototype: ReadStream };
    DicomDict: new (meta: Record<string, unknown>) => {
      dict: Record<string, unknown>;
      write(): ArrayBuffer;
    };
    DicomMessage: { readFile(buffer: ArrayBuffer): { dict: Record<string, SeqElement> } };
  };
}
interface SeqElement {
  Value?: ({ [tag: string]: { Value?: unknown[] } } | string)[];
}

/** The dcmjs version the fix was written against; `package.json` pins it exactly. */
const PINNED = '0.51.1';
/** Text that windows-1252 decoding of its UTF-8 bytes would change ("—" → "â€”"). */
const PROBE = 'Form — 結核';

const FIXED = Symbol.for('telerad.dcmjs.itemCharset');

function inheritDecoder(dcmjs: DcmjsModule, copy: string): void {
  const proto = dcmjs.data?.ReadBufferStream?.prototype as
    (ReadStream & { [FIXED]?: true }) | undefined;
  if (proto?.[FIXED]) return;
  if (typeof proto?.more !== 'function' || typeof proto.setDecoder !== 'function')
    throw shapeError(copy, ['ReadBufferStream.prototype.more() or setDecoder() is missing']);
  const more = proto.more;
  proto.more = function (this: ReadStream, length: number): ReadStream {
    const sub = more.call(this, length);
    sub.setDecoder(this.decoder);
    return sub;
  };
  proto[FIXED] = true;
  const back = roundTrip(dcmjs);
  if (back !== PROBE)
    throw shapeError(copy, [`a sequence item's UTF-8 text read back as ${JSON.stringify(back)}`]);
}

/**
 * Writes a dataset declaring ISO_IR 192 with UTF-8 text inside a sequence item and reads it back
 * with the same copy of dcmjs: the text inside the item, as that copy now decodes it.
 */
function roundTrip(dcmjs: DcmjsModule): string | undefined {
  try {
    const dict = new dcmjs.data.DicomDict({
      '00020010': { vr: 'UI', Value: ['1.2.840.10008.1.2.1'] },
    });
    dict.dict = {
      '00080005': { vr: 'CS', Value: ['ISO_IR 192'] },
      '0040A730': { vr: 'SQ', Value: [{ '0040A160': { vr: 'UT', Value: [PROBE] } }] },
    };
    const read = dcmjs.data.DicomMessage.readFile(dict.write());
    const item = read.dict['0040A730']?.Value?.[0];
    const text = typeof item === 'object' ? item['0040A160']?.Value?.[0] : undefined;
    return typeof text === 'string' ? text : undefined;
  } catch (e) {
    return `(failed: ${e instanceof Error ? e.message : String(e)})`;
  }
}

function shapeError(copy: string, problems: string[]): DependencyShapeError {
  return new DependencyShapeError(
    'dcmjs',
    `${installedVersion('dcmjs')} (${copy})`,
    PINNED,
    problems,
    "a sequence item inherits its dataset's character set, PS3.5 §7.5.3",
  );
}

const require = createRequire(import.meta.url);

/**
 * Applies the fix to every copy of dcmjs the server loads: its ES build (what `import` gets),
 * its CommonJS build (what `require` gets; dcmjs ships both) and the copy dcmjs-dimse bundles
 * (another version, resolved from dcmjs-dimse's folder). Idempotent. Each copy is then checked by
 * a round trip of UTF-8 text in a sequence item; a copy whose internals changed throws
 * `DependencyShapeError` when the module loads, so the server refuses to start (DESIGN §2).
 */
export function fixDcmjsItemCharset(): void {
  inheritDecoder(dcmjsEsm as unknown as DcmjsModule, 'ES build');
  inheritDecoder(require('dcmjs') as DcmjsModule, 'CommonJS build');
  const fromDimse = createRequire(require.resolve('dcmjs-dimse'));
  inheritDecoder(fromDimse('dcmjs') as DcmjsModule, 'the copy inside dcmjs-dimse');
}

/** The fix and check for one copy of dcmjs, exported for its test. */
export const fixItemCharsetOf = (dcmjs: unknown, copy: string): void =>
  inheritDecoder(dcmjs as DcmjsModule, copy);

/** The round trip the start-up check makes, exported for its test. */
export const dcmjsItemTextRoundTrip = (dcmjs: unknown): string | undefined =>
  roundTrip(dcmjs as DcmjsModule);

/** The text the round trip writes. */
export const DCMJS_CHARSET_PROBE = PROBE;
