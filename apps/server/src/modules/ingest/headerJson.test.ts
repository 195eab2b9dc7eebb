import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFLATED_EXPLICIT_LITTLE_ENDIAN, readMeta } from '@telerad/dicom';
import { describe, expect, it } from 'vitest';
import {
  producibleSyntaxes,
  syntaxInfo,
  TS,
  writeCharsetSet,
  writeCxr,
} from '../../testing/dicomFixtures';
import { rng, type Rng } from '../../testing/dicom/rng';
import { readDatasetWithDcmjs, readHeader } from './header';
import { readHeaderJson } from './headerJson';

// readHeaderJson must give exactly what dcmjs gives, quirks included (an empty US is [0], an
// empty sequence item is dropped, items decode text as windows-1252 whatever the dataset's
// character set, ...), since either may read a given header. Checked here over generated
// Explicit VR Little Endian datasets that exercise every VR it reads, odd lengths, pad bytes,
// empty and multiple values, sequences of every length encoding, and character sets.

const LONG = new Set(['OB', 'OW', 'OF', 'OD', 'SQ', 'UC', 'UR', 'UT']);
const NUMBER_SIZES: Record<string, number> = { US: 2, SS: 2, UL: 4, SL: 4, FL: 4, FD: 8 };
const TEXT_VRS = ['AE', 'AS', 'CS', 'DA', 'DS', 'DT', 'IS', 'LO', 'LT', 'PN', 'SH', 'ST', 'TM'];
const VRS = [...TEXT_VRS, 'UC', 'UI', 'UR', 'UT', ...Object.keys(NUMBER_SIZES), 'OB', 'OW', 'OF'];

function element(group: number, el: number, vr: string, value: Buffer): Buffer {
  const long = LONG.has(vr);
  const h = Buffer.alloc(long ? 12 : 8);
  h.writeUInt16LE(group, 0);
  h.writeUInt16LE(el, 2);
  h.write(vr, 4, 'latin1');
  if (long) h.writeUInt32LE(value.length === 0xffffffff ? 0xffffffff : value.length, 8);
  else h.writeUInt16LE(value.length, 6);
  return Buffer.concat([h, value]);
}

/** Text for a VR: pieces that trip trimming, splitting and number parsing, in the charset. */
function text(r: Rng, vr: string, utf8: boolean): Buffer {
  const pieces = [
    'A',
    'Doe',
    'John',
    ' ',
    '  ',
    '\\',
    '=',
    '^',
    '1',
    '2.5',
    '-3',
    '+4e2',
    '.',
    'x7',
    '\0',
  ];
  const high = utf8 ? ['é', 'Ø', '東京', 'ü'] : ['é', 'Ø', '\u0080', '\u009f', 'ÿ'];
  const n = r.int(0, 6);
  let s = '';
  for (let i = 0; i < n; i++) s += r.next() < 0.15 && vr !== 'UI' ? r.pick(high) : r.pick(pieces);
  if (vr === 'UI') s = s.replace(/[^0-9.\\\0]/g, '') || '1.2.3';
  let b = Buffer.from(s, utf8 ? 'utf8' : 'latin1');
  if (r.next() < 0.95 && b.length % 2)
    b = Buffer.concat([b, Buffer.from(vr === 'UI' ? '\0' : ' ')]);
  return b;
}

function value(r: Rng, vr: string, utf8: boolean): Buffer {
  const size = NUMBER_SIZES[vr];
  if (size) return Buffer.from(Array.from({ length: size * r.int(0, 3) }, () => r.int(0, 255)));
  if (vr === 'OB' || vr === 'OW' || vr === 'OF')
    return Buffer.from(
      Array.from({ length: 4 * r.pick([0, 1, 3, 200, 300]) }, () => r.int(0, 255)),
    );
  return text(r, vr, utf8);
}

/** A dataset's elements in tag order, from `group` on; sequences nest `depth` deep. */
function elements(r: Rng, depth: number, utf8: boolean): Buffer[] {
  const out: Buffer[] = [];
  let group = 0x0009;
  const count = 1 + r.int(0, depth === 0 ? 13 : 4);
  for (let i = 0; i < count; i++) {
    group += 1 + r.int(0, 39);
    const el = 0x0010 + r.int(0, 199);
    if (depth < 2 && r.next() < 0.15) out.push(sequence(r, group, el, depth + 1));
    else {
      const vr = r.pick(VRS);
      out.push(element(group, el, vr, value(r, vr, utf8)));
    }
  }
  return out;
}

function sequence(r: Rng, group: number, el: number, depth: number): Buffer {
  const items: Buffer[] = [];
  for (let i = r.int(0, 3); i > 0; i--) {
    const body = r.next() < 0.2 ? Buffer.alloc(0) : Buffer.concat(elements(r, depth, false));
    const undefinedItem = r.next() < 0.5;
    const h = Buffer.alloc(8);
    h.writeUInt16LE(0xfffe, 0);
    h.writeUInt16LE(0xe000, 2);
    h.writeUInt32LE(undefinedItem ? 0xffffffff : body.length, 4);
    const end = Buffer.from([0xfe, 0xff, 0x0d, 0xe0, 0, 0, 0, 0]);
    items.push(undefinedItem ? Buffer.concat([h, body, end]) : Buffer.concat([h, body]));
  }
  const content = Buffer.concat(items);
  if (r.next() < 0.5) return element(group, el, 'SQ', content);
  const h = Buffer.alloc(12);
  h.writeUInt16LE(group, 0);
  h.writeUInt16LE(el, 2);
  h.write('SQ', 4, 'latin1');
  h.writeUInt32LE(0xffffffff, 8);
  return Buffer.concat([h, content, Buffer.from([0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0])]);
}

/** A Part 10 file (Explicit VR Little Endian) around generated elements. */
function part10(r: Rng): Buffer {
  const charset = r.pick([null, '', 'ISO_IR 100', 'ISO_IR 192 ', 'ISO_IR 6']);
  const utf8 = charset === 'ISO_IR 192 ';
  const ds = [
    ...(charset === null ? [] : [element(0x0008, 0x0005, 'CS', Buffer.from(charset))]),
    element(0x0008, 0x0016, 'UI', Buffer.from('1.2.840.10008.5.1.4.1.1.1\0')),
    ...elements(r, 0, utf8),
  ];
  const ts = Buffer.from(`${TS.explicitLE}\0`);
  const metaBody = Buffer.concat([
    element(0x0002, 0x0001, 'OB', Buffer.from([0, 1])),
    element(0x0002, 0x0010, 'UI', ts),
  ]);
  const groupLength = Buffer.alloc(4);
  groupLength.writeUInt32LE(metaBody.length);
  return Buffer.concat([
    Buffer.alloc(128),
    Buffer.from('DICM'),
    element(0x0002, 0x0000, 'UL', groupLength),
    metaBody,
    ...ds,
  ]);
}

const asJson = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

describe('readHeaderJson', () => {
  it('reads generated datasets exactly as dcmjs does', () => {
    let direct = 0;
    const runs = 400;
    for (let seed = 1; seed <= runs; seed++) {
      const file = part10(rng(seed));
      const meta = readMeta((o, l) => file.subarray(o, o + l), file.length);
      const fast = readHeaderJson(file, meta.datasetOffset, file.length, TS.explicitLE);
      if (!fast) continue;
      direct++;
      expect({ seed, json: asJson(fast) }).toEqual({
        seed,
        json: asJson(readDatasetWithDcmjs(file)),
      });
    }
    // Nearly all of them are read directly (the rest hold, say, an odd-sized number).
    expect(direct).toBeGreaterThan(runs * 0.5);
  });

  it('leaves character sets it does not decode, and VRs it does not read, to dcmjs', () => {
    const ts = Buffer.from(`${TS.explicitLE}\0`);
    const ds = (...els: Buffer[]) => Buffer.concat(els);
    expect(
      readHeaderJson(
        ds(element(0x0008, 0x0005, 'CS', Buffer.from('ISO_IR 144'))),
        0,
        18,
        TS.explicitLE,
      ),
    ).toBeNull();
    const twoSets = element(0x0008, 0x0005, 'CS', Buffer.from('\\ISO 2022 IR 87'));
    expect(readHeaderJson(twoSets, 0, twoSets.length, TS.explicitLE)).toBeNull();
    const un = element(0x0009, 0x0010, 'UN' as string, Buffer.from('ab'));
    expect(readHeaderJson(un, 0, un.length, TS.explicitLE)).toBeNull();
    const ok = element(0x0002, 0x0010, 'UI', ts);
    expect(readHeaderJson(ok, 0, ok.length, TS.explicitLE)).toEqual({
      '00020010': { vr: 'UI', Value: ['1.2.840.10008.1.2.1'] },
    });
  });

  it('reads the chest X-rays of every syntax and character set as dcmjs does', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-headerjson-'));
    try {
      const files = [
        ...(await Promise.all(
          producibleSyntaxes().map((syntax) =>
            writeCxr(path.join(dir, `${syntax}.dcm`), syntax, {
              rows: 32,
              columns: 32,
              bitsStored: syntaxInfo(syntax).maxBitsStored >= 12 ? 12 : 8,
            }),
          ),
        )),
        ...(await writeCharsetSet(path.join(dir, 'charsets'))),
      ];
      let direct = 0;
      for (const f of files) {
        const bytes = fs.readFileSync(f.path);
        const header = readHeader(f.path, bytes.length, [bytes]);
        // A deflated dataset is read by dcmjs alone, from the whole file.
        if (header.meta.transferSyntaxUid === DEFLATED_EXPLICIT_LITTLE_ENDIAN) continue;
        const end = header.pixelDataOffset ?? bytes.length;
        const reference = readDatasetWithDcmjs(bytes.subarray(0, end));
        delete reference['7FE00010'];
        if (
          readHeaderJson(
            bytes.subarray(0, end),
            header.meta.datasetOffset,
            end,
            header.meta.transferSyntaxUid,
          )
        )
          direct++;
        // Values decoded again from ISO 2022 differ from dcmjs's by design (redecodeIso2022).
        if (bytes.includes(0x1b)) continue;
        expect({ file: f.path, json: asJson(header.dataset) }).toEqual({
          file: f.path,
          json: asJson(reference),
        });
      }
      expect(direct).toBeGreaterThan(files.length / 2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
