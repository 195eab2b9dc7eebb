import { spawn, execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import dcmjs from 'dcmjs';
import { freePort } from './serverProcess';

/**
 * A test CAD peer (test support, never the product): DCMTK `storescp` listening as the CAD's AE.
 * When an image arrives it answers as a CAD product does: a Chest CAD SR (TID 4100) built with
 * DCMTK `xml2dsr` from an XML template (study, series and patient from the received image, the
 * score the test asks for, an optional finding location) and a heatmap Secondary Capture built
 * with dcmjs, sent back with `storescu` from the CAD's AE title, so the real DICOM path is used
 * both ways.
 */

/** What the peer answers for one received image (null: it stays silent). */
export interface CadAnswer {
  product: { name: string; version: string };
  /** The abnormality score, or the product's error code in its place (CAD4TB −1). */
  score: number;
  /** Where the finding is, in image pixels (a SCOORD POINT), with its label. */
  finding?: { label: string; x: number; y: number };
  /** Send a heatmap Secondary Capture too; `before` sends it ahead of the SR. */
  heatmap?: 'before' | 'after' | false;
  /** Name the heatmap in the SR (an IMAGE item); otherwise Telerad links it by study. */
  heatmapInSr?: boolean;
}

/** What the peer sent back for one image. */
export interface CadReply {
  studyUid: string;
  srPath: string;
  srUid: string;
  heatmapUid: string | null;
  /** storescu's exit code and output. */
  code: number;
  out: string;
}

/** A running CAD peer. */
export interface CadPeer {
  port: number;
  aeTitle: string;
  /** Resolves when the peer has answered for an image of `studyUid`. */
  replied(studyUid: string): Promise<CadReply>;
  close(): Promise<void>;
}

const CHEST_CAD_SR = '1.2.840.10008.5.1.4.1.1.88.65';
const SECONDARY_CAPTURE = '1.2.840.10008.5.1.4.1.1.7';

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const code = (value: string, scheme: string, meaning: string) =>
  `<concept><value>${esc(value)}</value><scheme><designator>${scheme}</designator></scheme><meaning>${esc(meaning)}</meaning></concept>`;
const codedValue = (value: string, scheme: string, meaning: string) =>
  `<value>${esc(value)}</value><scheme><designator>${scheme}</designator></scheme><meaning>${esc(meaning)}</meaning>`;
const uid = () => `2.25.${BigInt(`0x${crypto.randomUUID().replace(/-/g, '')}`).toString()}`;

/** The received image's identity, as the SR and heatmap repeat it. */
interface Received {
  studyUid: string;
  seriesUid: string;
  sopUid: string;
  sopClassUid: string;
  patientId: string;
  patientName: string;
  studyDate: string;
  accession: string;
  rows: number;
  columns: number;
}

function readReceived(file: string): Received {
  const bytes = fs.readFileSync(file);
  const dict = dcmjs.data.DicomMessage.readFile(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    { untilTag: '7FE00010', includeUntilTagValue: false },
  );
  const ds = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict) as Record<string, unknown>;
  const s = (v: unknown) =>
    typeof v === 'string'
      ? v
      : Array.isArray(v) && v[0] && typeof v[0] === 'object'
        ? String((v[0] as { Alphabetic?: string }).Alphabetic ?? '')
        : v === undefined || v === null
          ? ''
          : String(v);
  return {
    studyUid: s(ds.StudyInstanceUID),
    seriesUid: s(ds.SeriesInstanceUID),
    sopUid: s(ds.SOPInstanceUID),
    sopClassUid: s(ds.SOPClassUID),
    patientId: s(ds.PatientID),
    patientName: s(ds.PatientName),
    studyDate: s(ds.StudyDate),
    accession: s(ds.AccessionNumber),
    rows: Number(ds.Rows ?? 0),
    columns: Number(ds.Columns ?? 0),
  };
}

/**
 * The Chest CAD SR's XML in DCMTK's dsr2xml format (/usr/share/dcmtk/dsr2xml.xsd): TID 4100
 * with its Image Library, the CAD Processing and Findings Summary carrying the Algorithm Name and
 * Version (TID 4019) and the score (99TELERAD cad-abnormality-score), and one Single Image
 * Finding inferred from a SCOORD POINT selected from the image.
 */
export function chestCadSrXml(
  r: Received,
  a: CadAnswer,
  ids: { srUid: string; seriesUid: string; heatmapUid: string | null },
): string {
  const image = `<value><sopclass uid="${r.sopClassUid}"/><instance uid="${r.sopUid}"/></value>`;
  const finding = a.finding
    ? `<code><relationship>CONTAINS</relationship>${code('111059', 'DCM', 'Single Image Finding')}
<scoord type="POINT"><relationship>INFERRED FROM</relationship>${code('111030', 'DCM', 'Image Region')}
<image><relationship>SELECTED FROM</relationship>${image}</image>
<data>${a.finding.x}/${a.finding.y}</data></scoord>
${codedValue('56717009', 'SCT', a.finding.label)}
</code>`
    : '';
  const heatmap =
    ids.heatmapUid && a.heatmapInSr
      ? `<image><relationship>CONTAINS</relationship><value><sopclass uid="${SECONDARY_CAPTURE}"/><instance uid="${ids.heatmapUid}"/></value></image>`
      : '';
  const now = new Date().toISOString();
  const date = now.slice(0, 10).replace(/-/g, '');
  const time = now.slice(11, 19).replace(/:/g, '');
  return `<?xml version="1.0" encoding="UTF-8"?>
<report type="Chest CAD SR">
<sopclass uid="${CHEST_CAD_SR}">Chest CAD SR</sopclass>
<charset>ISO_IR 100</charset>
<modality>SR</modality>
<device><manufacturer>${esc(a.product.name)} vendor</manufacturer><model>${esc(a.product.name)}</model><version>${esc(a.product.version)}</version></device>
<patient><id>${esc(r.patientId)}</id><name><last>${esc(r.patientName.split('^')[0] ?? '')}</last></name></patient>
<study uid="${r.studyUid}"><id>CAD</id><date>${r.studyDate || date}</date><time>120000</time><accession><number>${esc(r.accession)}</number></accession></study>
<series uid="${ids.seriesUid}"><number>900</number></series>
<instance uid="${ids.srUid}"><number>1</number></instance>
<evidence type="Current Requested Procedure">
<study uid="${r.studyUid}"><series uid="${r.seriesUid}">${image}</series></study>
</evidence>
<document>
<completion flag="COMPLETE"/>
<verification flag="UNVERIFIED"/>
<content>
<date>${date}</date><time>${time}</time>
<container flag="SEPARATE">
<template><resource>DCMR</resource><id>4100</id></template>
${code('112000', 'DCM', 'Chest CAD Report')}
<container flag="SEPARATE"><relationship>CONTAINS</relationship>${code('111028', 'DCM', 'Image Library')}
<image><relationship>CONTAINS</relationship>${image}</image>
</container>
<code><relationship>CONTAINS</relationship>${code('111017', 'DCM', 'CAD Processing and Findings Summary')}
<text><relationship>HAS PROPERTIES</relationship>${code('111001', 'DCM', 'Algorithm Name')}<value>${esc(a.product.name)}</value></text>
<text><relationship>HAS PROPERTIES</relationship>${code('111003', 'DCM', 'Algorithm Version')}<value>${esc(a.product.version)}</value></text>
<num><relationship>HAS PROPERTIES</relationship>${code('cad-abnormality-score', '99TELERAD', 'Abnormality score')}<value>${a.score}</value><unit>${codedValue('1', 'UCUM', 'no units')}</unit></num>
${codedValue(a.finding ? '111242' : '111241', 'DCM', a.finding ? 'All algorithms succeeded; with findings' : 'All algorithms succeeded; without findings')}
</code>
${finding}
${heatmap}
</container>
</content>
</document>
</report>
`;
}

/** A small 8-bit Secondary Capture heatmap of the received image's study (dcmjs). */
export function heatmapSc(r: Received, heatmapUid: string, seriesUid: string): Buffer {
  const rows = 32;
  const columns = 32;
  const pixels = new Uint8Array(rows * columns);
  for (let y = 0; y < rows; y++)
    for (let x = 0; x < columns; x++)
      pixels[y * columns + x] = Math.max(0, 255 - 12 * Math.hypot(x - 20, y - 10));
  const ds = {
    SOPClassUID: SECONDARY_CAPTURE,
    SOPInstanceUID: heatmapUid,
    StudyInstanceUID: r.studyUid,
    SeriesInstanceUID: seriesUid,
    PatientID: r.patientId,
    PatientName: r.patientName,
    StudyDate: r.studyDate,
    StudyTime: '120000',
    AccessionNumber: r.accession,
    ReferringPhysicianName: '',
    StudyID: 'CAD',
    Modality: 'OT',
    ConversionType: 'WSD',
    SeriesNumber: '901',
    InstanceNumber: '1',
    PatientOrientation: '',
    ImageType: ['DERIVED', 'SECONDARY'],
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: rows,
    Columns: columns,
    BitsAllocated: 8,
    BitsStored: 8,
    HighBit: 7,
    PixelRepresentation: 0,
    PixelData: [pixels.buffer],
    _vrMap: { PixelData: 'OB' },
  };
  const meta = dcmjs.data.DicomMetaDictionary.denaturalizeDataset({
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: SECONDARY_CAPTURE,
    MediaStorageSOPInstanceUID: heatmapUid,
    TransferSyntaxUID: '1.2.840.10008.1.2.1',
    ImplementationClassUID: '2.25.223066418716447005218960376447093346173',
    ImplementationVersionName: 'TELERAD_CADPEER',
  });
  const dict = new dcmjs.data.DicomDict(meta);
  dict.dict = dcmjs.data.DicomMetaDictionary.denaturalizeDataset(ds);
  return Buffer.from(dict.write());
}

function exec(cmd: string, args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: 30_000 }, (err, stdout, stderr) =>
      resolve({
        code: err ? (typeof err.code === 'number' ? err.code : 1) : 0,
        out: `${stdout}${stderr}`,
      }),
    );
  });
}

/**
 * Starts the peer: `storescp` as `aeTitle` on a free port, answering each received image with
 * `answer(image)` sent to Telerad at `telerad` as `aeTitle`.
 */
export async function startCadPeer(opts: {
  aeTitle: string;
  telerad: { host: string; port: number; aeTitle: string };
  answer: (image: { studyUid: string; sopUid: string }) => CadAnswer | null;
}): Promise<CadPeer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-cadpeer-'));
  const inbox = path.join(dir, 'in');
  fs.mkdirSync(inbox);
  const port = await freePort();
  const child: ChildProcess = spawn(
    'storescp',
    ['-aet', opts.aeTitle, '-od', inbox, '-xcr', 'echo RECEIVED #p/#f', String(port)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const waiting = new Map<string, ((r: CadReply) => void)[]>();
  const done = new Map<string, CadReply>();
  const settle = (r: CadReply) => {
    done.set(r.studyUid, r);
    for (const w of waiting.get(r.studyUid) ?? []) w(r);
    waiting.delete(r.studyUid);
  };

  const reply = async (file: string): Promise<void> => {
    const r = readReceived(file);
    const a = opts.answer({ studyUid: r.studyUid, sopUid: r.sopUid });
    if (!a) return;
    const srUid = uid();
    const heatmapUid = a.heatmap ? uid() : null;
    const xml = path.join(dir, `${srUid}.xml`);
    const srPath = path.join(dir, `${srUid}.dcm`);
    fs.writeFileSync(xml, chestCadSrXml(r, a, { srUid, seriesUid: uid(), heatmapUid }));
    const built = await exec('xml2dsr', [xml, srPath]);
    if (built.code !== 0) throw new Error(`xml2dsr failed: ${built.out}`);
    const files = [srPath];
    if (heatmapUid) {
      const hm = path.join(dir, `${heatmapUid}.dcm`);
      fs.writeFileSync(hm, heatmapSc(r, heatmapUid, uid()));
      if (a.heatmap === 'before') files.unshift(hm);
      else files.push(hm);
    }
    const t = opts.telerad;
    const sent = await exec('storescu', [
      '-v',
      '-aet',
      opts.aeTitle,
      '-aec',
      t.aeTitle,
      t.host,
      String(t.port),
      ...files,
    ]);
    settle({ studyUid: r.studyUid, srPath, srUid, heatmapUid, ...sent });
  };

  const lines = readline.createInterface({ input: child.stdout! });
  lines.on('line', (line) => {
    const m = /^RECEIVED (.+)$/.exec(line.trim());
    if (m) void reply(m[1]!).catch((e: Error) => console.error(`CAD peer: ${e.message}`));
  });
  child.stderr!.on('data', () => undefined);

  // Ready once it answers a C-ECHO (storescp prints nothing when it starts listening).
  for (let i = 0; ; i++) {
    const echo = await exec('echoscu', ['-aec', opts.aeTitle, '127.0.0.1', String(port)]);
    if (echo.code === 0) break;
    if (i > 100 || child.exitCode !== null) throw new Error(`storescp did not start: ${echo.out}`);
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    port,
    aeTitle: opts.aeTitle,
    replied: (studyUid) =>
      new Promise((resolve) => {
        const d = done.get(studyUid);
        if (d) return resolve(d);
        waiting.set(studyUid, [...(waiting.get(studyUid) ?? []), resolve]);
      }),
    close: async () => {
      lines.close();
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
