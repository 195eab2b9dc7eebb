import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from './modules/demo';
import { basic } from './modules/dicomweb/testSupport';
import { buildTestApp } from './testing/appFixture';
import { createTestDb, type TestDb } from './testing/testDb';

/**
 * With the web app served, an unknown path under `/api` (FHIR lives at `/api/fhir`) or
 * `/dicomweb` is answered 404 by the API, with or without credentials and whatever the method,
 * and never with the web app's index page; DICOMweb adds its PS3.18 Warning. Paths outside
 * them still get the web app, whose router shows its own page.
 */
let tdb: TestDb;
let app: FastifyInstance;
let dataDir: string;
let webDir: string;
const INDEX = '<!doctype html><title>Telerad web app</title>';

beforeAll(async () => {
  tdb = await createTestDb();
  await seedDemo(tdb.db);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-404-'));
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-404-web-'));
  fs.writeFileSync(path.join(webDir, 'index.html'), INDEX);
  app = await buildTestApp({ tdb, dataDir, webDir });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await tdb?.drop();
  for (const d of [dataDir, webDir]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

/** The request with no credentials, and again with a clinic user's HTTP Basic. */
async function both(opts: InjectOptions) {
  const anonymous = await app.inject(opts);
  const signed = await app.inject({ ...opts, headers: { authorization: basic('clinic1') } });
  return [anonymous, signed];
}

describe('unknown API paths', () => {
  it.each([
    ['GET', '/api'],
    ['GET', '/api/'],
    ['GET', '/api/nosuch'],
    ['GET', '/api/studies/nosuch/deeper/still'],
    ['POST', '/api/nosuch'],
  ] as const)('%s %s is the API’s 404, not the web app', async (method, url) => {
    for (const res of await both({ method, url })) {
      expect(res.statusCode, `${method} ${url} ${res.body.slice(0, 100)}`).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).not.toContain('<!doctype');
      expect(res.json().error.code).toBe('ROUTE_NOT_FOUND');
    }
  });

  it('answers an unknown FHIR resource under /api/fhir with an OperationOutcome', async () => {
    const res = await app.inject({ url: '/api/fhir/Nonsense/1' });
    expect(res.statusCode).toBe(404);
    expect(res.json().resourceType).toBe('OperationOutcome');
  });

  it.each([
    ['GET', '/dicomweb'],
    ['GET', '/dicomweb/'],
    ['GET', '/dicomweb/nosuch'],
    ['GET', '/dicomweb/studies/1.2.3/nosuch'],
    ['GET', '/dicomweb/studies/1.2.3/series/1.2.4/instances/1.2.5/nosuch'],
    ['DELETE', '/dicomweb/studies'],
    ['PUT', '/dicomweb/studies/1.2.3'],
  ] as const)('%s %s is a DICOMweb 404 with its Warning', async (method, url) => {
    for (const res of await both({ method, url })) {
      expect(res.statusCode, `${method} ${url} ${res.body.slice(0, 100)}`).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json().error.code).toBe('ROUTE_NOT_FOUND');
      expect(res.headers.warning).toMatch(/^299 telerad "There is no DICOMweb resource /);
    }
  });

  it('gives every DICOMweb failure its Warning, in ASCII', async () => {
    const missing = await app.inject({
      url: '/dicomweb/studies/1.2.3.4/metadata',
      headers: { authorization: basic('clinic1') },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers.warning).toMatch(/^299 telerad "No such study[^"]*"$/);
    const bad = await app.inject({
      url: '/dicomweb/studies?limit=0',
      headers: { authorization: basic('clinic1') },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers.warning).toMatch(/^299 telerad "[\x20-\x7e]+"$/);
  });

  it('still serves the web app for its own pages', async () => {
    for (const url of ['/', '/worklist', '/apis-and-more', '/dicomweb-help']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toBe(INDEX);
    }
  });
});
