import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';

let fx: AppFixture;
let admin: TestClient;
beforeAll(async () => {
  fx = await appWithDemo();
  admin = await signIn(fx.app, 'admin');
});
afterAll(async () => fx?.close());

async function clinic(code: string) {
  return fx.tdb.db
    .selectFrom('clinics')
    .select(['id', 'status', 'status_before_suspension'])
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
}

const patch = (id: string, payload: Record<string, string>) =>
  admin.request({ method: 'PATCH', url: `/api/clinics/${id}`, payload });

describe('clinic status from the admin form', () => {
  it('refuses pilot and live: they come only from the onboarding checklist', async () => {
    const c = await clinic('DEMO4');
    expect(c.status).toBe('onboarding');
    for (const to of ['pilot', 'live']) {
      const res = await patch(c.id, { status: to, name: 'Renamed in the same request' });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error).toMatchObject({
        code: 'CLINIC_STATUS_VIA_ONBOARDING',
        details: {
          from: 'onboarding',
          to,
          allowed: ['onboarding', 'suspended'],
          onboardingPath: `/support/onboarding/${c.id}`,
        },
      });
    }
    const after = await fx.tdb.db
      .selectFrom('clinics')
      .select(['status', 'name'])
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ status: 'onboarding', name: 'Demo Clinic Kampala' });
  });

  it('suspends a clinic and lifts the suspension only back to what it was, audited', async () => {
    const c = await clinic('DEMO3');
    expect(c.status).toBe('pilot');
    const suspended = await patch(c.id, { status: 'suspended' });
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(suspended.json()).toMatchObject({
      status: 'suspended',
      statusBeforeSuspension: 'pilot',
    });
    // Lifting a suspension cannot be a back door to live.
    const promoted = await patch(c.id, { status: 'live' });
    expect(promoted.statusCode, promoted.body).toBe(409);
    expect(promoted.json().error.details.allowed).toEqual(['suspended', 'pilot']);
    expect(await clinic('DEMO3')).toMatchObject({
      status: 'suspended',
      status_before_suspension: 'pilot',
    });
    const restored = await patch(c.id, { status: 'pilot' });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toMatchObject({ status: 'pilot', statusBeforeSuspension: null });
    const audit = await fx.tdb.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'clinic.update')
      .where('resource_id', '=', c.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.details)).toEqual([
      expect.objectContaining({ from: 'pilot', to: 'suspended' }),
      expect.objectContaining({ from: 'suspended', to: 'pilot' }),
    ]);
  });

  it('saves a clinic whose form sends its unchanged status', async () => {
    const c = await clinic('DEMO1');
    const res = await patch(c.id, { status: 'live', name: 'Demo Clinic Manila' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('live');
  });
});
