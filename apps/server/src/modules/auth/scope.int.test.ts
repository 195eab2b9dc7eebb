import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESOURCE_SCOPES } from '../../resourceScopes';
import { appWithDemo, buildTestApp, type AppFixture } from '../../testing/appFixture';
import { seedForeignTargets, type ForeignTargets } from '../../testing/foreignTargets';
import { signIn } from '../../testing/http';
import { call, foreignProblems, walkedRoutes } from '../../testing/routeWalker';
import type { ResourceKind } from './access';
import { UNSCOPED, type ScopeRegistry } from './scope';

/**
 * The scope mechanism itself: each resolver of the app's registry maps DEMO2's record of its kind
 * to DEMO2 (or its owner), a route naming a kind without a resolver cannot be registered, and the
 * access walk notices when any resolver a clinic user can reach is taken away.
 */
let fx: AppFixture;
let t: ForeignTargets;
let clinic2UserId: string;

beforeAll(async () => {
  fx = await appWithDemo();
  t = await seedForeignTargets(fx);
  clinic2UserId = t.ids.user;
});
afterAll(async () => fx?.close());

/** The path parameters that name DEMO2's record of `kind`. */
function paramsOf(kind: ResourceKind): Record<string, string> {
  if (kind === 'study') return { studyUid: t.studyUid };
  if (kind === 'series') return { studyUid: t.studyUid, seriesUid: t.seriesUid };
  if (kind === 'instance')
    return { studyUid: t.studyUid, seriesUid: t.seriesUid, sopUid: t.sopUid };
  return { id: t.ids[kind] };
}

/** A test app on the fixture's database whose registry is `registry`. */
async function appWith(registry: Partial<ScopeRegistry>): Promise<FastifyInstance> {
  const app = await buildTestApp({ tdb: fx.tdb, dataDir: fx.dataDir, resourceScopes: registry });
  await app.ready();
  return app;
}

describe('the scope registry', () => {
  it.each(Object.keys(RESOURCE_SCOPES) as ResourceKind[])(
    "maps DEMO2's %s to DEMO2 (or to its owner)",
    async (kind) => {
      const r = await RESOURCE_SCOPES[kind].resolve(fx.tdb.db, paramsOf(kind));
      // Centres, users and programmes are no clinic's data; SOPs are read by role; teaching
      // sessions and cases are de-identified copies.
      if (
        kind === 'centre' ||
        kind === 'user' ||
        kind === 'peerReviewProgramme' ||
        // The centre's own documents, read by role (the services check the roles).
        kind === 'sop' ||
        kind === 'teachingSession' ||
        kind === 'teachingCase'
      )
        expect(r).toEqual({ kind: 'unscoped' });
      else if (kind === 'token' || kind === 'notificationPreferences')
        expect(r).toEqual({ kind: 'owner', userId: clinic2UserId, clinicId: null });
      else if (kind === 'reportCard')
        expect(r).toEqual({
          kind: 'owner',
          userId: t.ids.reportCard,
          clinicId: null,
          openTo: 'reportCards:all',
        });
      else if (kind === 'notification')
        expect(r).toEqual({ kind: 'owner', userId: clinic2UserId, clinicId: t.clinicId });
      else if (kind === 'cadIntegration')
        expect(r).toEqual({ kind: 'clinics', clinicIds: [t.clinicId] });
      else expect(r).toEqual({ kind: 'clinic', clinicId: t.clinicId });
    },
  );

  it('refuses to register a route naming a kind with no resolver', async () => {
    const { report: _dropped, ...withoutReport } = RESOURCE_SCOPES;
    await expect(appWith(withoutReport)).rejects.toThrow(
      /resource kind 'report', which has no scope resolver/,
    );
  });

  it('refuses to register a route whose path names a record without declaring its kind', async () => {
    const app = await buildTestApp({ tdb: fx.tdb, dataDir: fx.dataDir });
    try {
      expect(() =>
        app.get('/api/things/:id', {
          config: { access: { permission: 'self' } },
          handler: async () => ({}),
        }),
      ).toThrow(/names a record \(:id\) but declares no access.resource/);
    } finally {
      await app.close();
    }
  });
});

describe('the access walk', () => {
  // The kinds whose routes a clinic user may call: taking away any one resolver must show.
  const reachable: ResourceKind[] = [
    'clinic',
    'token',
    'notification',
    'study',
    'series',
    'instance',
    'task',
    'report',
    'retake',
    'criticalResult',
    'thread',
    'attachment',
    'secondOpinion',
    'order',
  ];

  it.each(reachable)('fails when the %s resolver lets everything through', async (kind) => {
    const app = await appWith({ ...RESOURCE_SCOPES, [kind]: UNSCOPED });
    try {
      const problems: string[] = [];
      const routes = walkedRoutes(app).filter((r) => r.access?.resource === kind);
      expect(routes.length).toBeGreaterThan(0);
      for (const route of routes) {
        const client = await signIn(app, 'clinic1');
        problems.push(
          ...(await foreignProblems(fx.tdb.db, route, await call(app, client, route, t), t)),
        );
      }
      expect(problems.length, `${kind}: the walk noticed nothing`).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });
});
