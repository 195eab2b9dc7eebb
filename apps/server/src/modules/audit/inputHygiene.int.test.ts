import fs from 'node:fs';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisteredRoute } from '../../app';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { writeCxr, type WrittenFile } from '../../testing/dicomFixtures';
import { signIn, type TestClient } from '../../testing/http';
import { CAD_PERMISSIONS, GATEWAY_PERMISSIONS, type Permission } from '@telerad/contracts';
import { DEMO_ACCOUNTS } from '../demo';
import { PERMISSIONS } from '../auth';
import { cadIntegration } from '../cad/testSupport';
import { enrolledGateway } from '../gateways/testSupport';

/**
 * Input hygiene is one mechanism for the whole app: every route of the route table, with a NUL
 * in each path parameter, in the query and in the body, answers 400 with a catalogue error and
 * leaves its audit event, never a 500 and never a lost event. Routes added later join the walk.
 */
let fx: AppFixture;
let study: WrittenFile;
const clients = new Map<string, TestClient>();

beforeAll(async () => {
  fx = await appWithDemo();
  study = await writeCxr(path.join(fx.dataDir, 'hygiene.dcm'), 'explicitLE', {
    rows: 16,
    columns: 16,
    patient: { name: 'HYGIENE^PATIENT', id: 'HY-1' },
  });
  await fx.storeAs('DEMO1', study.path);
  for (const a of DEMO_ACCOUNTS) clients.set(a.username, await signIn(fx.app, a.username));
  // A clinic gateway's token, for the routes only a gateway may call (its heartbeat).
  const demo1 = await fx.tdb.db
    .selectFrom('clinics')
    .select('id')
    .where('code', '=', 'DEMO1')
    .executeTakeFirstOrThrow();
  const { token } = await enrolledGateway(fx.app, clients.get('support')!, demo1.id);
  clients.set('gateway', bearerClient('gateway', token));
  // A CAD integration's token, for the results webhook only CAD integrations may call.
  const cadToken = await cadIntegration(clients.get('admin')!, [demo1.id]);
  clients.set('cad', bearerClient('cad', cadToken));
});

/** A client that presents a service account's bearer token (a gateway's, a CAD integration's). */
function bearerClient(username: string, token: string): TestClient {
  return {
    username,
    cookie: '',
    csrf: '',
    request: (opts) =>
      fx.app.inject({
        ...opts,
        headers: { authorization: `Bearer ${token}`, ...(opts.headers ?? {}) },
      }),
  };
}
afterAll(async () => {
  await fx?.close();
  if (study) fs.rmSync(study.path, { force: true });
});

/**
 * A demo account that holds the route's permission, so the call is not refused before it; a
 * clinic gateway's or CAD integration's token for a permission only they hold.
 */
function clientFor(route: RegisteredRoute): TestClient {
  const permission = route.access?.permission;
  const roles: readonly string[] =
    !permission || permission === 'public' ? ['admin'] : PERMISSIONS[permission];
  const account = DEMO_ACCOUNTS.find((a) => a.roles.some((r) => roles.includes(r)));
  if (!account && (GATEWAY_PERMISSIONS as readonly Permission[]).includes(permission as Permission))
    return clients.get('gateway')!;
  if (!account && (CAD_PERMISSIONS as readonly Permission[]).includes(permission as Permission))
    return clients.get('cad')!;
  if (!account) throw new Error(`no demo account may call ${route.url}`);
  return clients.get(account.username)!;
}

/** A plausible value for a path parameter, so only the one under test is bad. */
const plausible = (name: string) =>
  /uid$/i.test(name) ? study.studyInstanceUid : name === '*' ? 'x' : crypto.randomUUID();

function urlOf(route: RegisteredRoute, bad?: string): string {
  return route.url.replace(/:(\w+)|\*/g, (m, name: string | undefined) =>
    (name ?? '*') === bad ? '%00' : plausible(name ?? m),
  );
}

async function expectRefusedAndAudited(res: LightMyRequestResponse, what: string) {
  expect(res.statusCode, `${what}: ${res.body}`).toBe(400);
  expect(res.json().error.code, what).toBe('INPUT_CONTROL_CHARACTER');
  const ev = await fx.tdb.db
    .selectFrom('audit_events')
    .selectAll()
    .where('request_id', '=', String(res.headers['x-request-id']))
    .executeTakeFirst();
  expect(ev, `${what}: audit event`).toMatchObject({ outcome: 'failure' });
  expect(ev!.details).toMatchObject({ status: 400, rejected: { reason: 'control_character' } });
}

describe('input hygiene across the route table', () => {
  it('refuses a NUL in every path parameter, query and body with 400 and an audit event', async () => {
    const routes = fx.app.routeTable.filter((r) => r.access);
    expect(routes.length).toBeGreaterThan(50);
    let calls = 0;
    for (const route of routes) {
      const client = clientFor(route);
      const method = route.method as 'GET';
      for (const [, name] of route.url.matchAll(/:(\w+)/g)) {
        const url = urlOf(route, name);
        await expectRefusedAndAudited(await client.request({ method, url }), `${method} ${url}`);
        calls++;
      }
      const url = `${urlOf(route)}?q=%00`;
      await expectRefusedAndAudited(await client.request({ method, url }), `${method} ${url}`);
      calls++;
      if (method === ('GET' as string) || method === ('DELETE' as string)) continue;
      const res = await client.request({
        method,
        url: urlOf(route),
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ name: 'a\u0000b', nested: { text: ['ok', '\u0000'] } }),
      });
      await expectRefusedAndAudited(res, `${method} ${route.url} body`);
      calls++;
    }
    expect(calls).toBeGreaterThan(100);
  });

  it('no longer lets a NUL in a QIDO value match every instance', async () => {
    const rad = clients.get('radiologist')!;
    const res = await rad.request({ method: 'GET', url: '/dicomweb/instances?PatientName=%00*' });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain('HYGIENE');
  });

  it('refuses an over-long id, an invalid UID and a traversal, each with its own code', async () => {
    const rad = clients.get('radiologist')!;
    const cases: [string, string][] = [
      [`/api/tasks/${'a'.repeat(200)}/report`, 'INPUT_TOO_LONG'],
      [`/api/studies/1.2.abc`, 'INPUT_INVALID_UID'],
      [`/dicomweb/studies?StudyInstanceUID=1.2.3,x`, 'INPUT_INVALID_UID'],
      [`/dicomweb/studies/....//1.2.3`, 'INPUT_PATH_TRAVERSAL'],
      [`/dicomweb/studies/%2e%2e%2f%2e%2e`, 'INPUT_PATH_TRAVERSAL'],
      [`/api/studies/..%5c1.2`, 'INPUT_PATH_TRAVERSAL'],
    ];
    for (const [url, code] of cases) {
      const res = await rad.request({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code, url).toBe(code);
      const ev = await fx.tdb.db
        .selectFrom('audit_events')
        .select('outcome')
        .where('request_id', '=', String(res.headers['x-request-id']))
        .executeTakeFirst();
      expect(ev, url).toEqual({ outcome: 'failure' });
    }
    // A valid UID list and report text with line breaks pass.
    const ok = await rad.request({
      method: 'GET',
      url: `/dicomweb/studies?StudyInstanceUID=${study.studyInstanceUid},1.2.3`,
    });
    expect(ok.statusCode).toBe(200);
  });
});
