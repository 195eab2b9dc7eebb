import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  SOP_CLASS,
  readTransferSyntax,
  writeCxrSet,
  type WrittenFile,
} from '../../testing/dicomFixtures';
import { pixelMismatch } from '../../testing/dicom/referencePixels';
import { TRANSFER_SYNTAXES } from '../transcode';
import {
  datasetBytes,
  dimseFixture,
  freePort,
  run,
  sendRaw,
  type DimseFixture,
} from './testSupport';

/**
 * C-GET and C-MOVE when the peer does not accept an object's stored syntax (PS3.4 §C.4.2.3,
 * §C.4.3.3): DCMTK's getscu and storescp as peers, every stored syntax Telerad can decode sent
 * transcoded, and the pixels each peer received compared with what independent decoders (DCMTK,
 * JasPer) make of the stored object, never with Telerad's own decoder.
 */
let f: DimseFixture;
let dir: string;
let files: WrittenFile[];
let studyUid: string;
/** An object in a syntax Telerad stores but cannot decode (JPEG XL). */
let undecodable: { sopUid: string };
/** A JPEG 2000 object whose codestream is damaged: its syntax is decoded, its data is not. */
let corrupt: { sopUid: string };
/** Sub-operations that fail in every retrieve: the undecodable and the corrupt object. */
const UNSENDABLE = 2;
let storescp: ChildProcess | undefined;

const JPEG_XL = '1.2.840.10008.1.2.4.112';
const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const JPEG_LS_LOSSLESS = '1.2.840.10008.1.2.4.80';
const JPEG_LOSSLESS = '1.2.840.10008.1.2.4.57';
const JPEG_2000_LOSSLESS = '1.2.840.10008.1.2.4.90';

beforeAll(async () => {
  f = await dimseFixture();
  dir = path.join(f.dataDir, 'files');
  const set = await writeCxrSet(dir, { patient: { name: 'TRANSCODE^TEST', id: 'TC-1' } });
  expect(set.skipped).toEqual([]);
  files = set.files;
  // JPEG Lossless with predictor 6 (Process 14, 1.2.840.10008.1.2.4.57), which dcmjs-codecs
  // has no entry for: made by DCMTK from the uncompressed original, under a UID of its own.
  const source = files.find((w) => w.syntax === 'explicitLE')!;
  const jpeg57 = path.join(dir, 'jpegLossless-sv6.dcm');
  await run('dcmcjpeg', ['+el', '+sv', '6', source.path, jpeg57]);
  const sop57 = `${source.sopInstanceUid.slice(0, -2)}.7`;
  await run('dcmodify', ['-nb', '-m', `(0008,0018)=${sop57}`, jpeg57]);
  expect(await readTransferSyntax(jpeg57)).toBe(JPEG_LOSSLESS);
  files.push({
    ...source,
    path: jpeg57,
    transferSyntaxUid: JPEG_LOSSLESS,
    sopInstanceUid: sop57,
    syntax: 'jpegLossless' as WrittenFile['syntax'],
  });
  studyUid = files[0]!.studyInstanceUid;
  // Sent as stored, each in a context of exactly its syntax (DCMTK 3.6.7 knows no HTJ2K).
  const items = files.map((w) => ({
    bytes: datasetBytes(fs.readFileSync(w.path)),
    ts: w.transferSyntaxUid,
    sopClassUid: SOP_CLASS[w.image.modality],
    sopUid: w.sopInstanceUid,
  }));
  // The JPEG-LS dataset declared as JPEG XL: stored as sent, and no codec of ours reads it.
  const jls = items.find((i) => i.ts === JPEG_LS_LOSSLESS)!;
  const sopUid = `${jls.sopUid.slice(0, -2)}.9`;
  undecodable = { sopUid };
  items.push({
    ...jls,
    bytes: Buffer.from(jls.bytes.toString('latin1').replace(jls.sopUid, sopUid), 'latin1'),
    ts: JPEG_XL,
    sopUid,
  });
  // A JPEG 2000 Lossless object without its codestream's start and size markers (SOC, SIZ).
  const j2k = items.find((i) => i.ts === JPEG_2000_LOSSLESS)!;
  const corruptUid = `${j2k.sopUid.slice(0, -2)}.8`;
  corrupt = { sopUid: corruptUid };
  const damaged = Buffer.from(
    j2k.bytes.toString('latin1').replace(j2k.sopUid, corruptUid),
    'latin1',
  );
  const soc = damaged.indexOf(Buffer.from([0xff, 0x4f, 0xff, 0x51]));
  expect(soc).toBeGreaterThan(0);
  damaged.fill(0, soc, soc + 4);
  items.push({ ...j2k, bytes: damaged, sopUid: corruptUid });
  const r = await sendRaw(f.port, 'DEMO1', items);
  expect(r.statuses).toEqual(items.map(() => 0));
});
afterAll(async () => {
  storescp?.kill();
  await f?.close();
});

/** getscu for the whole study into `out`, proposing the storage syntaxes `prefer` selects. */
async function getStudy(out: string, prefer: string[] = []) {
  fs.mkdirSync(out, { recursive: true });
  return run('getscu', [
    '-d',
    ...prefer,
    '-S',
    '-aet',
    'DEMO1',
    '-aec',
    'TELERAD',
    '-od',
    out,
    '127.0.0.1',
    String(f.port),
    '-k',
    'QueryRetrieveLevel=STUDY',
    '-k',
    `StudyInstanceUID=${studyUid}`,
  ]);
}

/** What getscu received, by SOP Instance UID. */
const receivedIn = (out: string) =>
  new Map(fs.readdirSync(out).map((n) => [n.replace(/^[A-Z]+\./, ''), path.join(out, n)]));

/** The last C-GET or C-MOVE response as getscu's or movescu's debug output prints it. */
function finalResponse(out: string) {
  const last = out.slice(out.lastIndexOf('RSP\n'));
  const num = (name: string) => Number(last.match(new RegExp(`${name}\\s*:\\s*(\\d+)`))?.[1]);
  return {
    status: last.match(/DIMSE Status\s*:\s*(0x[0-9a-f]+)/i)?.[1]?.toLowerCase(),
    completed: num('Completed Suboperations'),
    failed: num('Failed Suboperations'),
    warning: num('Warning Suboperations'),
  };
}

/** The pixels `received` carries are those of the stored object `w` (referencePixels.ts). */
async function expectSamePixels(w: WrittenFile, received: string) {
  const original = files.find(
    (x) => x.syntax === 'explicitLE' && x.image.photometric === w.image.photometric,
  )!;
  expect(await pixelMismatch(received, w, original.path)).toBeUndefined();
}

describe('C-GET transcoding', () => {
  it('sends every stored syntax that can be decoded to a getscu that takes only uncompressed, pixels unchanged', async () => {
    const out = path.join(dir, 'get-uncompressed');
    const r = await getStudy(out);
    const received = receivedIn(out);
    for (const w of files) {
      const file = received.get(w.sopInstanceUid);
      expect(file, `${w.syntax} received`).toBeDefined();
      expect(await readTransferSyntax(file!), w.syntax).toBe(EXPLICIT_LE);
      await expectSamePixels(w, file!);
    }
    expect(
      files
        .map((w) => w.transferSyntaxUid)
        .filter((ts) => !TRANSFER_SYNTAXES.some((s) => s.uid === ts && s.read)),
    ).toEqual([]);
    // The JPEG XL object cannot be decoded, nor can the damaged one: a failed sub-operation
    // each, reported with their UIDs (PS3.4 §C.4.3.1.3.2), not a refusal of the whole C-GET.
    expect(received.has(undecodable.sopUid)).toBe(false);
    expect(received.has(corrupt.sopUid)).toBe(false);
    expect(finalResponse(r.out), r.out.slice(-3000)).toEqual({
      status: '0xb000',
      completed: files.length,
      failed: UNSENDABLE,
      warning: 0,
    });
  });

  it('accepts Explicit VR Little Endian from a getscu that proposes a compressed syntax first, and sends every object in it', async () => {
    // getscu +xt proposes JPEG-LS Lossless then the uncompressed syntaxes for each class; +xy
    // JPEG Baseline (lossy) then the uncompressed ones. Explicit VR Little Endian ranks first
    // (RETRIEVE_SYNTAX_PREFERENCE): every object Telerad decodes can be sent in it, with
    // nothing re-encoded, where the first proposed would have had every other object encoded
    // (JPEG-LS) or refused (JPEG Baseline, which Telerad never produces).
    for (const prefer of ['+xt', '+xy']) {
      const out = path.join(dir, `get${prefer}`);
      const r = await getStudy(out, [prefer]);
      expect(r.out).toMatch(/Accepted Transfer Syntax: =LittleEndianExplicit/);
      expect(r.out).not.toMatch(/Accepted Transfer Syntax: =JPEG/);
      const received = receivedIn(out);
      for (const w of files) {
        const file = received.get(w.sopInstanceUid);
        expect(file, `${prefer} ${w.syntax} received`).toBeDefined();
        expect(await readTransferSyntax(file!), `${prefer} ${w.syntax}`).toBe(EXPLICIT_LE);
      }
      expect(finalResponse(r.out)).toEqual({
        status: '0xb000',
        completed: files.length,
        failed: UNSENDABLE,
        warning: 0,
      });
    }
  });
});

describe('C-MOVE transcoding', () => {
  it('sends every decodable syntax, deflated and JPEG Extended too, to a storescp that takes only uncompressed, transcoding off the event loop', async () => {
    const port = await freePort();
    const out = path.join(dir, 'moved');
    fs.mkdirSync(out);
    storescp = spawn('storescp', ['-aet', 'DEMO1PACS', '-od', out, String(port)], {
      stdio: 'ignore',
    });
    const demo1 = await f.tdb.db
      .selectFrom('clinics')
      .select('id')
      .where('code', '=', 'DEMO1')
      .executeTakeFirstOrThrow();
    await f.tdb.db
      .insertInto('clinic_ae_titles')
      .values({
        ae_title: 'DEMO1PACS',
        clinic_id: demo1.id,
        allowed_networks: [],
        position: 1,
        host: '127.0.0.1',
        port,
      })
      .execute();
    // Every conversion runs on the transcoding thread, before dcmjs-dimse sends the object: the
    // codec on this thread (the event loop's, which the library's own transcoder also uses)
    // never transcodes during the C-MOVE, though most objects go out in another syntax.
    const codecs = createRequire(import.meta.url)('dcmjs-codecs') as typeof import('dcmjs-codecs');
    const onLoop = vi.spyOn(codecs.Transcoder.prototype, 'transcode');
    const r = await run('movescu', [
      '-d',
      '-S',
      '-aet',
      'DEMO1',
      '-aec',
      'TELERAD',
      '-aem',
      'DEMO1PACS',
      '127.0.0.1',
      String(f.port),
      '-k',
      'QueryRetrieveLevel=STUDY',
      '-k',
      `StudyInstanceUID=${studyUid}`,
    ]);
    // (The final response's identifier, a list of UIDs, may be re-encoded for its context.)
    const convertedOnLoop = (
      onLoop.mock.contexts as InstanceType<typeof codecs.Transcoder>[]
    ).filter((t) => t.getElements().PixelData !== undefined).length;
    onLoop.mockRestore();
    // The final response lists the failed objects (PS3.4 §C.4.2.1.5: Failed SOP Instance UID
    // List); the damaged one failed alone, the association went on.
    expect(finalResponse(r.out)).toEqual({
      status: '0xb000',
      completed: files.length,
      failed: UNSENDABLE,
      warning: 0,
    });
    const failedUids = r.out.match(/\(0008,0058\) UI \[([^\]]*)\]/)?.[1]?.split('\\');
    expect(failedUids?.sort()).toEqual([undecodable.sopUid, corrupt.sopUid].sort());
    expect(convertedOnLoop).toBe(0);
    const received = receivedIn(out);
    for (const w of files) {
      const file = received.get(w.sopInstanceUid);
      expect(file, `${w.syntax} moved`).toBeDefined();
      expect(await readTransferSyntax(file!), w.syntax).not.toMatch(
        /^1\.2\.840\.10008\.1\.2\.(4|5|1\.99)/,
      );
      await expectSamePixels(w, file!);
    }
    expect(received.has(undecodable.sopUid)).toBe(false);
    expect(received.has(corrupt.sopUid)).toBe(false);
  });
});
