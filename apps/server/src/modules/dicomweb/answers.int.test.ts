import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { writeCxr, type WrittenFile } from '../../testing/dicomFixtures';
import { as, stowAs, stowBody, stowItems } from './testSupport';

/**
 * What every DICOM JSON answer looks like on the wire: typed exactly `application/dicom+json`
 * (no charset parameter, PS3.18 §8.7.3.5.1), and with absolute links (RetrieveURL, BulkDataURI,
 * STOW-RS's ReferencedSOPSequence) that start from TELERAD_PUBLIC_URL when it is set, and from
 * the host the client reached otherwise.
 */
type Json = Record<string, { vr: string; Value?: unknown[]; BulkDataURI?: string }>;
const PUBLIC = 'https://telerad.example.org/reading';
let plain: AppFixture;
let behindProxy: AppFixture;
let dir: string;
let cxr: WrittenFile;

beforeAll(async () => {
  [plain, behindProxy] = await Promise.all([
    appWithDemo(),
    appWithDemo({ publicUrlSetting: PUBLIC }),
  ]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-answers-'));
  cxr = await writeCxr(path.join(dir, 'cxr.dcm'), 'explicitLE', { rows: 16, columns: 16 });
});
afterAll(async () => {
  await Promise.all([plain?.close(), behindProxy?.close()]);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** STOWs the test image through `fx` as a client that reached it at `host`. */
async function stowVia(fx: AppFixture, host: string) {
  const { payload, contentType } = stowBody([fs.readFileSync(cxr.path)]);
  return as(
    fx.app,
    'clinic1',
  )({
    method: 'POST',
    url: '/dicomweb/studies',
    payload,
    headers: { host, 'content-type': contentType, accept: 'application/dicom+json' },
  });
}

/** Every DICOM JSON URL a client may ask for about the test image. */
function jsonUrls(): string[] {
  const s = `/dicomweb/studies/${cxr.studyInstanceUid}`;
  const se = `${s}/series/${cxr.seriesInstanceUid}`;
  const i = `${se}/instances/${cxr.sopInstanceUid}`;
  return [
    '/dicomweb/studies',
    '/dicomweb/series',
    '/dicomweb/instances',
    `${s}/series`,
    `${s}/instances`,
    `${se}/instances`,
    `${s}/metadata`,
    `${se}/metadata`,
    `${i}/metadata`,
  ];
}

/** Every absolute URL in a DICOM JSON answer (RetrieveURL values and BulkDataURIs). */
function linksIn(body: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const el = v as Json[string];
      if (el.vr === 'UR') out.push(...(el.Value ?? []).map(String));
      if (el.BulkDataURI) out.push(el.BulkDataURI);
      Object.values(v).forEach(walk);
    }
  };
  walk(body);
  return out;
}

describe('DICOM JSON answers', () => {
  it('are typed exactly application/dicom+json, from STOW-RS, QIDO-RS and metadata', async () => {
    const stored = await stowAs(plain.app, 'clinic1', [fs.readFileSync(cxr.path)]);
    expect(stored.statusCode).toBe(200);
    expect(stored.headers['content-type']).toBe('application/dicom+json');
    for (const url of jsonUrls()) {
      const res = await as(plain.app, 'clinic1')({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toBe('application/dicom+json');
    }
  });

  it('link to the host the client reached when no public URL is set', async () => {
    const host = 'pacs-gateway.clinic.example:8042';
    const stored = await stowVia(plain, host);
    expect(stowItems(stored).stored[0]!.url).toBe(
      `http://${host}/dicomweb/studies/${cxr.studyInstanceUid}/series/${cxr.seriesInstanceUid}/instances/${cxr.sopInstanceUid}`,
    );
    for (const url of jsonUrls()) {
      const res = await as(plain.app, 'clinic1')({ url, headers: { host } });
      const links = linksIn(res.json());
      expect(links.length, url).toBeGreaterThan(0);
      for (const l of links) expect(l, url).toMatch(new RegExp(`^http://${host}/dicomweb/`));
    }
  });

  it('link to TELERAD_PUBLIC_URL when it is set, whatever the Host header says', async () => {
    const stored = await stowVia(behindProxy, 'internal-node-3:8080');
    expect(stored.statusCode).toBe(200);
    const body = stored.json() as Json;
    expect(body['00081190']?.Value).toEqual([`${PUBLIC}/dicomweb/studies/${cxr.studyInstanceUid}`]);
    expect(stowItems(stored).stored[0]!.url).toMatch(new RegExp(`^${PUBLIC}/dicomweb/studies/`));
    let bulk = 0;
    for (const url of jsonUrls()) {
      const res = await as(
        behindProxy.app,
        'clinic1',
      )({
        url,
        headers: { host: 'internal-node-3:8080' },
      });
      const links = linksIn(res.json());
      expect(links.length, url).toBeGreaterThan(0);
      for (const l of links) expect(l, url).toMatch(new RegExp(`^${PUBLIC}/dicomweb/studies/`));
      bulk += links.filter((l) => l.includes('/bulkdata/')).length;
    }
    expect(bulk, 'metadata carries BulkDataURIs').toBeGreaterThan(0);
  });
});
