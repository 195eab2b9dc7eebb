import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { DEMO_PASSWORD } from '../modules/demo';

/** A signed-in test client: carries the session cookie and CSRF token. */
export interface TestClient {
  username: string;
  cookie: string;
  csrf: string;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
}

/** Signs in through the real login route and returns a client that sends the cookie and CSRF header. */
export async function signIn(
  app: FastifyInstance,
  username: string,
  password = DEMO_PASSWORD,
): Promise<TestClient> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200)
    throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'telerad_session');
  if (!cookie) throw new Error('no session cookie');
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  const client: TestClient = {
    username,
    cookie: `telerad_session=${cookie.value}`,
    csrf,
    request: (opts) =>
      app.inject({
        ...opts,
        headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, ...(opts.headers ?? {}) },
      }),
  };
  return client;
}

/** The session cookie a response set, as a request header value. */
export function sessionCookie(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'telerad_session');
  if (!c) throw new Error(`no session cookie in ${res.statusCode} ${res.body}`);
  return `telerad_session=${c.value}`;
}

/**
 * Saves the demo organisation's security settings with MFA required for `roles` (none to turn it
 * off again), as `admin`, a signed-in administrator.
 */
export function requireMfaFor(admin: TestClient, roles: string[]): Promise<LightMyRequestResponse> {
  return admin.request({
    method: 'PUT',
    url: '/api/settings/security',
    payload: {
      mfaRequiredRoles: roles,
      sessionIdleMinutes: 120,
      lockoutThreshold: 5,
      lockoutMinutes: 15,
      mfaOnSign: false,
    },
  });
}
