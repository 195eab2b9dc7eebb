import { execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMeta } from '@telerad/dicom';
import { DEMO_PASSWORD } from '../demo';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { writeCxr, writeCxrSet, type WrittenFile } from '../../testing/dicomFixtures';
import { pixelMismatch } from '../../testing/dicom/referencePixels';
import { startOrthanc } from '../../testing/orthanc';
import { forEachPart, parseMediaType } from './multipart';
import { stowAs } from './testSupport';

/**
 * Telerad as the DICOMweb server of independent clients: Orthanc with its DICOMweb plugin
 * (Debian orthanc-dicomweb) pulls a compressed study through WADO-RS as Explicit VR Little
 * Endian and as stored, and pushes one back with STOW-RS; curl checks the bytes and headers.
 */
const run = promisify(execFile);
let fx: AppFixture;
let orthanc: ChildProcess | undefined;
let orthancUrl = '';
let base = '';
let dir = '';
let files: WrittenFile[];

const EXPLICIT_LE = '1.2.840.10008.1.2.1';

beforeAll(async () => {
  fx = await appWithDemo();
  await fx.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(fx.app.server.address() as { port: number }).port}/dicomweb`;
  dir = path.join(fx.dataDir, 'orthanc-dicomweb');
  fs.mkdirSync(dir);
  const set = await writeCxrSet(path.join(dir, 'study'), {
    syntaxes: ['j2kLossless', 'jpegLsLossless', 'rleLossless'],
    patient: { name: 'DICOMWEB^PULL', id: 'DW-1' },
  });
  files = set.files;
  const stow = await stowAs(
    fx.app,
    'clinic1',
    files.map((f) => fs.readFileSync(f.path)),
  );
  expect(stow.statusCode, stow.body).toBe(200);

  const server = (universal: boolean) => ({
    Url: `${base}/`,
    Username: 'clinic1',
    Password: DEMO_PASSWORD,
    // true: Orthanc asks with transfer-syntax=* (as stored); false: with none (the default).
    HasWadoRsUniversalTransferSyntax: universal,
  });
  const pacs = await startOrthanc(dir, {
    Plugins: ['/usr/share/orthanc/plugins/libOrthancDicomWeb.so'],
    DicomWeb: {
      Enable: true,
      Servers: { asStored: server(true), standard: server(false) },
    },
  });
  orthanc = pacs.process;
  orthancUrl = pacs.url;
}, 120_000);

afterAll(async () => {
  orthanc?.kill();
  await fx?.close();
});

const orthancJson = async (url: string, body?: unknown) => {
  const res = await fetch(`${orthancUrl}${url}`, {
    method: body === undefined ? 'GET' : 'POST',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  expect(res.ok, `${url}: ${text}`).toBe(true);
  return JSON.parse(text) as unknown;
};

/** Orthanc pulls the study from Telerad through server `name`; its instances, by SOP UID. */
async function pull(name: 'asStored' | 'standard') {
  for (const id of (await orthancJson('/studies')) as string[])
    await fetch(`${orthancUrl}/studies/${id}`, { method: 'DELETE' });
  await orthancJson(`/dicom-web/servers/${name}/retrieve`, {
    Resources: [{ Study: files[0]!.studyInstanceUid }],
  });
  const got = new Map<string, { ts: string; file: string }>();
  for (const id of (await orthancJson('/instances')) as string[]) {
    const tags = (await orthancJson(`/instances/${id}/simplified-tags`)) as Record<string, string>;
    const ts = await (await fetch(`${orthancUrl}/instances/${id}/metadata/TransferSyntax`)).text();
    const file = path.join(dir, `${name}-${tags.SOPInstanceUID}.dcm`);
    fs.writeFileSync(
      file,
      Buffer.from(await (await fetch(`${orthancUrl}/instances/${id}/file`)).arrayBuffer()),
    );
    got.set(tags.SOPInstanceUID!, { ts, file });
  }
  return got;
}

/** The dataset bytes of a Part 10 file (after its meta group). */
function datasetOf(file: Buffer): Buffer {
  return file.subarray(readMeta((o, l) => file.subarray(o, o + l), file.length).datasetOffset);
}

const original = (w: WrittenFile) =>
  files.find((x) => x.syntax === 'rleLossless' && x.image.photometric === w.image.photometric)!
    .path;

describe("Orthanc's DICOMweb client against Telerad", () => {
  it('pulls a compressed study as Explicit VR Little Endian (the default), pixels unchanged', async () => {
    const got = await pull('standard');
    expect(got.size).toBe(files.length);
    for (const w of files) {
      const g = got.get(w.sopInstanceUid)!;
      expect(g.ts, w.syntax).toBe(EXPLICIT_LE);
      expect(await pixelMismatch(g.file, w, original(w))).toBeUndefined();
    }
  });

  it('pulls it as stored with transfer-syntax=*, the same dataset bytes', async () => {
    const got = await pull('asStored');
    expect(got.size).toBe(files.length);
    for (const w of files) {
      const g = got.get(w.sopInstanceUid)!;
      expect(g.ts, w.syntax).toBe(w.transferSyntaxUid);
      expect(datasetOf(fs.readFileSync(g.file)).equals(datasetOf(fs.readFileSync(w.path)))).toBe(
        true,
      );
    }
  });

  it('pushes a study back to Telerad with STOW-RS', async () => {
    const w = await writeCxr(path.join(dir, 'push.dcm'), 'j2kLossless', {
      seed: 12,
      rows: 32,
      columns: 32,
    });
    const res = await fetch(`${orthancUrl}/instances`, {
      method: 'POST',
      body: fs.readFileSync(w.path),
    });
    const { ParentStudy } = (await res.json()) as { ParentStudy: string };
    await orthancJson('/dicom-web/servers/standard/stow', { Resources: [ParentStudy] });
    const row = await fx.tdb.db
      .selectFrom('instances')
      .select(['transfer_syntax_uid', 'door'])
      .where('sop_uid', '=', w.sopInstanceUid)
      .executeTakeFirst();
    expect(row).toEqual({ transfer_syntax_uid: w.transferSyntaxUid, door: 'stow' });
  });
});

/** A curl request: its status line and headers, and its multipart parts. */
async function curl(url: string, accept: string) {
  const headers = path.join(dir, `h-${fs.readdirSync(dir).length}`);
  const body = `${headers}.body`;
  await run('curl', [
    '-s',
    '-u',
    `clinic1:${DEMO_PASSWORD}`,
    '-H',
    `Accept: ${accept}`,
    '-D',
    headers,
    '-o',
    body,
    url,
  ]);
  const head = fs.readFileSync(headers, 'latin1');
  const status = Number(head.split(' ')[1]);
  const contentType = head.match(/^content-type: (.*)\r$/im)?.[1] ?? '';
  const bytes = fs.readFileSync(body);
  const parts: { headers: Record<string, string>; body: Buffer }[] = [];
  const boundary = parseMediaType(contentType).params.boundary;
  if (boundary)
    await forEachPart(Readable.from([bytes]), boundary, async (p) => {
      const chunks: Buffer[] = [];
      for await (const c of p.body) chunks.push(c as Buffer);
      parts.push({ headers: p.headers, body: Buffer.concat(chunks) });
    });
  return { status, contentType, bytes, parts };
}

describe('curl against WADO-RS', () => {
  it('gets the exact bytes and headers for each representation', async () => {
    const w = files.find((f) => f.syntax === 'jpegLsLossless')!;
    const url = `${base}/studies/${w.studyInstanceUid}/series/${w.seriesInstanceUid}/instances/${w.sopInstanceUid}`;
    const std = await curl(url, 'multipart/related; type="application/dicom"');
    expect(std.status).toBe(200);
    expect(std.contentType).toMatch(
      /^multipart\/related; type="application\/dicom"; boundary=telerad-[0-9a-f]{32}$/,
    );
    expect(std.parts).toHaveLength(1);
    expect(std.parts[0]!.headers).toEqual({
      'content-type': `application/dicom; transfer-syntax=${EXPLICIT_LE}`,
      'content-length': String(std.parts[0]!.body.length),
    });
    expect(std.parts[0]!.body.subarray(128, 132).toString('latin1')).toBe('DICM');

    const stored = await curl(
      url,
      'multipart/related; type="application/dicom"; transfer-syntax=*',
    );
    expect(stored.parts[0]!.headers['content-type']).toBe(
      `application/dicom; transfer-syntax=${w.transferSyntaxUid}`,
    );
    expect(stored.parts[0]!.body.equals(fs.readFileSync(w.path))).toBe(true);
    // Framing: CRLF, delimiter, headers, blank line, the file, CRLF, close delimiter.
    const boundary = parseMediaType(stored.contentType).params.boundary!;
    expect(stored.bytes.subarray(0, boundary.length + 4).toString('latin1')).toBe(
      `\r\n--${boundary}`,
    );
    expect(stored.bytes.subarray(-boundary.length - 8).toString('latin1')).toBe(
      `\r\n--${boundary}--\r\n`,
    );

    const frame = await curl(
      `${url}/frames/1`,
      'multipart/related; type="application/octet-stream"',
    );
    expect(frame.parts[0]!.headers['content-type']).toBe(
      `application/octet-stream; transfer-syntax=${EXPLICIT_LE}`,
    );
    expect(frame.parts[0]!.body.length).toBe(64 * 64 * 2);

    const refused = await curl(`${url}/frames/1`, 'multipart/related; type="image/jp2"');
    expect(refused.status).toBe(406);
    expect(refused.contentType).toMatch(/^application\/json/);
  });
});
