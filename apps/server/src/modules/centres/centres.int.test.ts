import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';

let fx: AppFixture;
const client: Record<string, TestClient> = {};
let centres: { id: string; name: string; assignmentMode: string }[];

beforeAll(async () => {
  fx = await appWithDemo();
  for (const name of ['admin', 'support']) client[name] = await signIn(fx.app, name);
  centres = (await client.admin!.request({ method: 'GET', url: '/api/centres' })).json();
});
afterAll(async () => {
  await fx?.close();
});

describe('centre assignment mode', () => {
  it('defaults to pull, and only an administrator switches a centre to push (audited)', async () => {
    expect(centres.map((c) => c.assignmentMode)).toEqual(['pull', 'pull']);
    const global = centres.find((c) => c.name === 'Global Centre')!;
    const denied = await client.support!.request({
      method: 'PATCH',
      url: `/api/centres/${global.id}`,
      payload: { assignmentMode: 'push' },
    });
    expect(denied.statusCode).toBe(403);
    const bad = await client.admin!.request({
      method: 'PATCH',
      url: `/api/centres/${global.id}`,
      payload: { assignmentMode: 'round-robin' },
    });
    expect(bad.statusCode).toBe(400);

    const ok = await client.admin!.request({
      method: 'PATCH',
      url: `/api/centres/${global.id}`,
      payload: { assignmentMode: 'push' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().assignmentMode).toBe('push');
    const audit = await fx.tdb.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'centre.update')
      .where('resource_id', '=', global.id)
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ fields: ['assignmentMode'], assignmentMode: 'push' });

    const created = await client.admin!.request({
      method: 'POST',
      url: '/api/centres',
      payload: { name: 'Night Centre', timeZone: 'Europe/London' },
    });
    expect(created.json().assignmentMode).toBe('pull');
  });
});

describe("a user's centre", () => {
  it('is set and cleared in the user editor API; an unknown centre is refused', async () => {
    const users = (await client.admin!.request({ method: 'GET', url: '/api/users' })).json() as {
      id: string;
      username: string;
      centreId: string | null;
    }[];
    const rad = users.find((u) => u.username === 'radiologist')!;
    expect(rad.centreId).toBeNull();
    const regional = centres.find((c) => c.name === 'Regional Centre')!;
    const set = await client.admin!.request({
      method: 'PATCH',
      url: `/api/users/${rad.id}`,
      payload: { centreId: regional.id },
    });
    expect(set.statusCode).toBe(200);
    expect(set.json().centreId).toBe(regional.id);
    const unknown = await client.admin!.request({
      method: 'PATCH',
      url: `/api/users/${rad.id}`,
      payload: { centreId: '00000000-0000-4000-8000-00000000dead' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('UNKNOWN_REFERENCE');
    const cleared = await client.admin!.request({
      method: 'PATCH',
      url: `/api/users/${rad.id}`,
      payload: { centreId: null },
    });
    expect(cleared.json().centreId).toBeNull();
  });
});
