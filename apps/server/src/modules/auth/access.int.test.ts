import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveAppWithDemo, type LiveAppFixture } from '../../testing/appFixture';
import { seedForeignTargets, type ForeignTargets } from '../../testing/foreignTargets';
import { signIn } from '../../testing/http';
import { recordingSocket } from '../../testing/realtimeSocket';
import { call, foreignProblems, requestFor, walkedRoutes } from '../../testing/routeWalker';
import { DEMO_ACCOUNTS } from '../demo';
import { unwireNotifications, wireNotifications, notifyUsers } from '../notifications';
import { publishTaskEvent } from '../realtime';
import { PERMISSIONS } from './policy';

/**
 * Walks every REST and DICOMweb route in the app's route table with every demo role, an anonymous
 * caller and a user of another clinic, aimed at clinic DEMO2's record of each route's resource
 * kind, with bodies that pass each route's schema. Routes added later join the walk
 * automatically. Proves: nothing answers without sign-in, roles without the permission get 403,
 * nothing fails with a 5xx, a DEMO1 user is refused every DEMO2 record by the scope check itself,
 * and no answer or live event to a DEMO1 user contains any of DEMO2's data.
 */
let fx: LiveAppFixture;
let t: ForeignTargets;

beforeAll(async () => {
  fx = await liveAppWithDemo();
  t = await seedForeignTargets(fx);
});
afterAll(async () => fx?.close());

describe('access control over every route', () => {
  it('walks a real route table, with a foreign target and a valid body for every route', () => {
    const routes = walkedRoutes(fx.app);
    expect(routes.length).toBeGreaterThanOrEqual(20);
    expect(routes.filter((r) => r.url.startsWith('/dicomweb')).length).toBeGreaterThanOrEqual(20);
    for (const r of routes) {
      expect(r.access, r.url).toBeDefined();
      if (r.access?.resource) expect(t.ids[r.access.resource], r.url).toMatch(/\S/);
      // Throws when a write route's schema admits no body the walk can make.
      expect(() => requestFor(r, t), `${r.method} ${r.url}`).not.toThrow();
    }
    for (const [kind, id] of Object.entries(t.ids)) expect(id, kind).toMatch(/\S/);
  });

  it('walks the CAD calibration routes with a real product version, to their answer', async () => {
    // Their query names a product version: a generated id would stop them at a 404.
    const named = ['GET /api/kpi/cad', 'GET /api/kpi/cad/reads'];
    const routes = walkedRoutes(fx.app).filter((r) => named.includes(`${r.method} ${r.url}`));
    expect(routes).toHaveLength(named.length);
    const qa = await signIn(fx.app, 'qa');
    for (const route of routes) {
      const res = await call(fx.app, qa, route, t);
      expect(res.statusCode, `${route.url} → ${res.body.slice(0, 200)}`).toBe(200);
    }
  });

  it('refuses anonymous callers on every protected route', async () => {
    for (const route of walkedRoutes(fx.app).filter((r) => r.access?.permission !== 'public')) {
      const res = await call(fx.app, null, route, t);
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
  });

  it.each(DEMO_ACCOUNTS.map((a) => a.username))(
    'gives %s exactly what its roles permit',
    async (username) => {
      const account = DEMO_ACCOUNTS.find((a) => a.username === username)!;
      const problems: string[] = [];
      for (const route of walkedRoutes(fx.app)) {
        // A fresh session per call: logout and password routes must not end the walk.
        const client = await signIn(fx.app, username);
        const res = await call(fx.app, client, route, t);
        const label = `${username} ${route.method} ${route.url} → ${res.statusCode} ${res.body.slice(0, 200)}`;
        expect(res.statusCode, label).toBeLessThan(500);
        // Every body passes its schema, so no route is refused by the validator.
        if (res.statusCode === 400)
          expect(res.json().error.code, label).not.toBe('VALIDATION_FAILED');
        const permission = route.access!.permission;
        const allowed =
          permission === 'public' ||
          account.roles.some((r) => (PERMISSIONS[permission] as readonly string[]).includes(r));
        if (!allowed) {
          expect(res.statusCode, label).toBe(403);
          expect(res.json().error.code, label).toBe('FORBIDDEN');
        }
        if (username === 'clinic1')
          problems.push(...(await foreignProblems(fx.tdb.db, route, res, t)));
      }
      expect(problems).toEqual([]);
    },
  );

  it("pushes no DEMO2 event to a DEMO1 user's live socket", async () => {
    const clinic1 = await signIn(fx.app, 'clinic1');
    const clinic2 = await signIn(fx.app, 'clinic2');
    const one = await recordingSocket<Record<string, unknown>>(fx.wsBase, clinic1.cookie, {
      label: 'clinic1',
    });
    const two = await recordingSocket<Record<string, unknown>>(fx.wsBase, clinic2.cookie, {
      label: 'clinic2',
    });
    wireNotifications({});
    try {
      for (const type of ['task.created', 'task.claimed', 'task.released', 'task.completed'])
        await publishTaskEvent(fx.hub, fx.tdb.db, {
          type: type as 'task.created',
          taskId: t.ids.task,
          clinicId: t.clinicId,
        });
      const clinic2User = await fx.tdb.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'clinic2')
        .executeTakeFirstOrThrow();
      const [n] = await notifyUsers(fx.tdb.db, [
        {
          userId: clinic2User.id,
          kind: 'escalation',
          title: 'CANARY live',
          body: 'CANARY-DEMO2',
          clinicId: t.clinicId,
        },
      ]);
      // DEMO2's own user receives them all: they were published.
      await two.next((m) => m.type === 'notification' && m.notificationId === n!.id, 5000);
      await two.next((m) => m.type === 'task.completed', 5000);
      // A DEMO1 event published after them all reaches clinic1: the DEMO2 ones had their chance.
      const demo1 = await fx.tdb.db
        .selectFrom('clinics')
        .select('id')
        .where('code', '=', 'DEMO1')
        .executeTakeFirstOrThrow();
      const marker = crypto.randomUUID();
      await publishTaskEvent(fx.hub, fx.tdb.db, {
        type: 'task.created',
        taskId: marker,
        clinicId: demo1.id,
      });
      await one.next((m) => m.taskId === marker, 5000);
      const seen = JSON.stringify(one.seen);
      for (const c of [...t.canaries, n!.id]) expect(seen.includes(c), `leaks ${c}`).toBe(false);
    } finally {
      unwireNotifications();
      one.ws.close();
      two.ws.close();
    }
  });
});
