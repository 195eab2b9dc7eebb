import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisteredRoute } from '../../app';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { writeCxr } from '../../testing/dicomFixtures';
import { signIn, type TestClient } from '../../testing/http';
import { DEMO_ACCOUNTS } from '../demo';
import { storeInstance } from '../ingest';
import { createPrimaryReadTask } from '../worklist';
import { PERMISSIONS } from './policy';

/**
 * Walks every REST and DICOMweb route in the app's route table with every demo role, an anonymous caller and
 * a user of another clinic, aimed at clinic DEMO2's records. Routes added later join the walk
 * automatically. Proves: nothing answers without sign-in, roles without the permission get 403,
 * nothing fails with a 5xx, and no answer to a DEMO1 user contains any of DEMO2's data.
 */
let fx: AppFixture;
let canaries: string[];
let targets: Record<string, string>;

beforeAll(async () => {
  fx = await appWithDemo();
  const db = fx.tdb.db;
  const demo2 = await db
    .selectFrom('clinics')
    .selectAll()
    .where('code', '=', 'DEMO2')
    .executeTakeFirstOrThrow();
  const clinic2 = await db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', 'clinic2')
    .executeTakeFirstOrThrow();
  const c2 = await signIn(fx.app, 'clinic2');
  const token = await c2.request({
    method: 'POST',
    url: '/api/auth/tokens',
    payload: { name: 'clinic2 gateway' },
  });
  expect(token.statusCode).toBe(200);
  // A DEMO2 study, stored through the one ingest path: DICOMweb routes are aimed at it.
  const file = await writeCxr(path.join(fx.dataDir, 'demo2-canary.dcm'), 'explicitLE', {
    rows: 16,
    columns: 16,
    patient: { name: 'CANARY^DEMOTWO', id: 'CANARY-DEMO2' },
  });
  await storeInstance(
    { db, storage: fx.storage, minFreeBytes: 0, maxObjectBytes: 1 << 30 },
    fs.createReadStream(file.path),
    { door: 'stow', clinicId: demo2.id, userId: clinic2.id, remoteAddress: '127.0.0.1' },
  );
  // A DEMO2 reading task on that study: task routes (`resource: 'task'`) are aimed at it.
  const study = await db
    .selectFrom('studies')
    .select('id')
    .where('study_uid', '=', file.studyInstanceUid)
    .executeTakeFirstOrThrow();
  const task = await createPrimaryReadTask(
    db,
    { studyId: study.id, stableAt: new Date().toISOString(), numInstances: 1 },
    new Date(),
  );
  if (task.outcome !== 'created') throw new Error(`no DEMO2 task: ${task.outcome}`);
  targets = {
    task: task.taskId,
    clinic: demo2.id,
    user: clinic2.id,
    centre: demo2.home_centre_id,
    token: (token.json() as { id: string }).id,
    study: file.studyInstanceUid,
    studyUid: file.studyInstanceUid,
    seriesUid: file.seriesInstanceUid,
    sopUid: file.sopInstanceUid,
  };
  canaries = [
    demo2.id,
    demo2.name,
    clinic2.id,
    'Clinic Two Technician',
    'clinic2 gateway',
    targets.token!,
    targets.task!,
    file.studyInstanceUid,
    file.seriesInstanceUid,
    file.sopInstanceUid,
    'CANARY',
    'DEMOTWO',
    'CANARY-DEMO2',
  ];
});
afterAll(async () => fx?.close());

function urlFor(route: RegisteredRoute): string {
  return route.url
    .replace(':id', targets[route.access?.resource ?? 'clinic'] ?? targets.clinic!)
    .replace(':studyUid', targets.studyUid!)
    .replace(':seriesUid', targets.seriesUid!)
    .replace(':sopUid', targets.sopUid!)
    .replace(':frames', '1')
    .replace('*', '7FE00010');
}

const walked = (url: string) => url.startsWith('/api/') || url.startsWith('/dicomweb');

function apiRoutes(): RegisteredRoute[] {
  return fx.app.routeTable.filter((r) => walked(r.url) && r.url !== '/api/auth/login');
}

async function call(client: TestClient | null, route: RegisteredRoute) {
  const opts = {
    method: route.method as 'GET',
    url: urlFor(route),
    ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
  };
  return client ? client.request(opts) : fx.app.inject(opts);
}

describe('access control over every route', () => {
  it('walks a real route table', () => {
    expect(apiRoutes().length).toBeGreaterThanOrEqual(20);
    expect(apiRoutes().filter((r) => r.url.startsWith('/dicomweb')).length).toBeGreaterThanOrEqual(
      20,
    );
    for (const r of fx.app.routeTable.filter((x) => walked(x.url)))
      expect(r.access, r.url).toBeDefined();
  });

  it('refuses anonymous callers on every protected route', async () => {
    for (const route of apiRoutes().filter((r) => r.access?.permission !== 'public')) {
      const res = await call(null, route);
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
  });

  it.each(DEMO_ACCOUNTS.map((a) => a.username))(
    'gives %s exactly what its roles permit',
    async (username) => {
      const account = DEMO_ACCOUNTS.find((a) => a.username === username)!;
      for (const route of apiRoutes()) {
        // A fresh session per call: logout and password routes must not end the walk.
        const client = await signIn(fx.app, username);
        const res = await call(client, route);
        const label = `${username} ${route.method} ${route.url} → ${res.statusCode} ${res.body.slice(0, 200)}`;
        expect(res.statusCode, label).toBeLessThan(500);
        const permission = route.access!.permission;
        const allowed =
          permission === 'public' ||
          account.roles.some((r) => (PERMISSIONS[permission] as readonly string[]).includes(r));
        if (!allowed) {
          expect(res.statusCode, label).toBe(403);
          expect(res.json().error.code, label).toBe('FORBIDDEN');
        }
        if (username === 'clinic1') {
          for (const c of canaries) expect(res.body.includes(c), `${label} leaks ${c}`).toBe(false);
          if (route.access!.resource && route.method === 'GET')
            expect([403, 404], label).toContain(res.statusCode);
        }
      }
    },
  );
});
