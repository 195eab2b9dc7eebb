import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUid } from '@telerad/dicom';
import { writeCxr, type WrittenFile } from '../../testing/dicomFixtures';
import { startServer, type ServerProcess } from '../../testing/serverProcess';
import { createTestDb, type TestDb } from '../../testing/testDb';
import { DEMO_PASSWORD } from '../demo';
import { stowBody } from './testSupport';

/**
 * The real server process, as `npm start` runs it with TELERAD_PUBLIC_URL and a built web app,
 * asked with curl; the assertions are on the bytes of the status line and header fields.
 */
const run = promisify(execFile);
const PUBLIC = 'https://pacs.telerad.example/tr';
let server: ServerProcess;
let tdb: TestDb;
let dir: string;
let cxr: WrittenFile;
const INDEX = '<!doctype html><title>Telerad web app</title>';

beforeAll(async () => {
  tdb = await createTestDb({ migrate: false });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-curl-'));
  fs.mkdirSync(path.join(dir, 'web'));
  fs.writeFileSync(path.join(dir, 'web', 'index.html'), INDEX);
  server = await startServer({
    env: {
      DATABASE_URL: tdb.url,
      TELERAD_DEMO_STUDIES: '0',
      TELERAD_PUBLIC_URL: `${PUBLIC}/`,
      TELERAD_WEB_DIR: path.join(dir, 'web'),
    },
  });
  cxr = await writeCxr(path.join(dir, 'cxr.dcm'), 'explicitLE', {
    rows: 16,
    columns: 16,
    modality: 'CR',
    patient: { name: 'CURL^TEST', id: 'CURL-1' },
    study: { studyInstanceUid: newUid(), studyDate: '20240607' },
  });
}, 150_000);
afterAll(async () => {
  await server?.stop();
  await tdb?.drop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** What curl received: the raw header block, its status line and fields, and the body. */
interface Received {
  head: string;
  status: string;
  field(name: string): string[];
  body: string;
}

/** `curl -D -` for `url` as clinic1; `args` are further curl arguments. */
async function curl(url: string, args: string[] = []): Promise<Received> {
  const out = path.join(dir, `${newUid()}.body`);
  const { stdout } = await run('curl', [
    '-sS',
    '-D',
    '-',
    '-o',
    out,
    '-u',
    `clinic1:${DEMO_PASSWORD}`,
    ...args,
    `${server.url}${url}`,
  ]);
  const lines = stdout.split('\r\n');
  return {
    head: stdout,
    status: lines[0] ?? '',
    field: (name) =>
      lines
        .filter((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))
        .map((l) => l.slice(name.length + 1).trim()),
    body: fs.readFileSync(out, 'utf8'),
  };
}

const exactType = (r: Received) =>
  expect(r.head).toMatch(/\r\ncontent-type: application\/dicom\+json\r\n/i);

describe('DICOMweb over HTTP, byte for byte', () => {
  it('STOW-RS answers application/dicom+json exactly, with links from TELERAD_PUBLIC_URL', async () => {
    const { payload, contentType } = stowBody([fs.readFileSync(cxr.path)]);
    const file = path.join(dir, 'stow.body');
    fs.writeFileSync(file, payload);
    const r = await curl('/dicomweb/studies', [
      '-X',
      'POST',
      '-H',
      `Content-Type: ${contentType}`,
      '-H',
      'Accept: application/dicom+json',
      '-H',
      'Host: 10.1.2.3:8080',
      '--data-binary',
      `@${file}`,
    ]);
    expect(r.status).toBe('HTTP/1.1 200 OK');
    exactType(r);
    expect(r.field('content-type')).toEqual(['application/dicom+json']);
    const body = JSON.parse(r.body) as Record<string, { Value?: unknown[] }>;
    expect(body['00081190']?.Value).toEqual([`${PUBLIC}/dicomweb/studies/${cxr.studyInstanceUid}`]);
  });

  it('QIDO-RS matches higher-level keys and answers with the exact media type', async () => {
    const none = await curl('/dicomweb/instances?PatientName=NOSUCH*');
    expect(none.status).toBe('HTTP/1.1 200 OK');
    exactType(none);
    expect(none.field('warning')).toEqual([]);
    expect(none.body).toBe('[]');
    const series = await curl('/dicomweb/series?StudyDate=20240601-20240630&PatientID=CURL-1');
    exactType(series);
    const rows = JSON.parse(series.body) as Record<string, { Value?: unknown[] }>[];
    expect(rows.map((s) => s['0020000E']?.Value?.[0])).toEqual([cxr.seriesInstanceUid]);
    expect(rows[0]!['00081190']?.Value?.[0]).toBe(
      `${PUBLIC}/dicomweb/studies/${cxr.studyInstanceUid}/series/${cxr.seriesInstanceUid}`,
    );
    const mr = await curl('/dicomweb/instances?Modality=MR');
    expect(mr.body).toBe('[]');
    expect(mr.field('warning')).toEqual([]);
    const cr = await curl('/dicomweb/instances?Modality=CR');
    expect(JSON.parse(cr.body)).toHaveLength(1);
    const unsupported = await curl('/dicomweb/instances?Modality=CR&Rows=16');
    expect(unsupported.field('warning')).toEqual([
      '299 telerad "The following query keys are not supported for matching and were ignored: Rows"',
    ]);
  });

  it('metadata answers with the exact media type and BulkDataURIs from TELERAD_PUBLIC_URL', async () => {
    const url = `/dicomweb/studies/${cxr.studyInstanceUid}/series/${cxr.seriesInstanceUid}/instances/${cxr.sopInstanceUid}`;
    const r = await curl(`${url}/metadata`, ['-H', 'Host: internal-node:8080']);
    expect(r.status).toBe('HTTP/1.1 200 OK');
    exactType(r);
    const pixel = (JSON.parse(r.body) as Record<string, { BulkDataURI?: string }>[])[0]![
      '7FE00010'
    ];
    expect(pixel?.BulkDataURI).toBe(
      `${PUBLIC}/dicomweb${url.slice('/dicomweb'.length)}/bulkdata/7FE00010`,
    );
  });

  it('answers unknown paths under /api and /dicomweb with the API’s 404, not the web app', async () => {
    const page = await curl('/worklist');
    expect(page.status).toBe('HTTP/1.1 200 OK');
    expect(page.body).toBe(INDEX);
    for (const url of ['/api', '/api/nosuch', '/dicomweb', '/dicomweb/nosuch/at/all']) {
      const r = await curl(url);
      expect(r.status, url).toBe('HTTP/1.1 404 Not Found');
      expect(r.field('content-type'), url).toEqual(['application/json; charset=utf-8']);
      expect(JSON.parse(r.body).error.code, url).toBe('ROUTE_NOT_FOUND');
      expect(r.field('warning').length, url).toBe(url.startsWith('/dicomweb') ? 1 : 0);
    }
  });
});
