import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';

/**
 * The language a user reads in: their own choice, else their clinic's default, else English;
 * with their clinic's time zone for the times on clinic pages.
 */
let fx: AppFixture;
let admin: TestClient;
let clinic1: TestClient;
let demo1: { id: string; time_zone: string };

beforeAll(async () => {
  fx = await appWithDemo();
  admin = await signIn(fx.app, 'admin');
  clinic1 = await signIn(fx.app, 'clinic1');
  demo1 = await fx.tdb.db
    .selectFrom('clinics')
    .select(['id', 'time_zone'])
    .where('code', '=', 'DEMO1')
    .executeTakeFirstOrThrow();
});
afterAll(async () => fx?.close());

const me = async (c: TestClient) =>
  (await c.request({ method: 'GET', url: '/api/auth/session' })).json().user as {
    language: string;
    ownLanguage: string | null;
    clinicLanguage: string | null;
    timeZone: string | null;
  };

describe('a user’s language', () => {
  it('is English with no clinic zone for centre staff who chose none', async () => {
    expect(await me(admin)).toMatchObject({
      language: 'en',
      ownLanguage: null,
      clinicLanguage: null,
      timeZone: null,
    });
  });

  it('follows the clinic’s default, which an administrator sets on the clinic', async () => {
    const res = await admin.request({
      method: 'PATCH',
      url: `/api/clinics/${demo1.id}`,
      payload: { language: 'fr' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().language).toBe('fr');
    expect(await me(clinic1)).toEqual(
      expect.objectContaining({
        language: 'fr',
        ownLanguage: null,
        clinicLanguage: 'fr',
        timeZone: demo1.time_zone,
      }),
    );
    const refused = await admin.request({
      method: 'PATCH',
      url: `/api/clinics/${demo1.id}`,
      payload: { language: 'de' },
    });
    expect(refused.statusCode).toBe(400);
  });

  it('is the user’s own choice when they make one, audited, and back to the clinic’s on null', async () => {
    const chosen = await clinic1.request({
      method: 'PUT',
      url: '/api/auth/language',
      payload: { language: 'es' },
    });
    expect(chosen.statusCode).toBe(200);
    expect(chosen.json()).toEqual({
      language: 'es',
      ownLanguage: 'es',
      clinicLanguage: 'fr',
      timeZone: demo1.time_zone,
    });
    expect((await me(clinic1)).language).toBe('es');
    const events = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['action', 'outcome', 'details'])
      .where('action', '=', 'profile.language')
      .execute();
    expect(events).toEqual([
      expect.objectContaining({
        outcome: 'success',
        details: expect.objectContaining({ language: 'es' }),
      }),
    ]);

    const back = await clinic1.request({
      method: 'PUT',
      url: '/api/auth/language',
      payload: { language: null },
    });
    expect(back.json()).toMatchObject({ language: 'fr', ownLanguage: null });
  });

  it('refuses a language the product does not ship', async () => {
    const res = await clinic1.request({
      method: 'PUT',
      url: '/api/auth/language',
      payload: { language: 'de' },
    });
    expect(res.statusCode).toBe(400);
    expect((await me(clinic1)).language).toBe('fr');
  });
});
