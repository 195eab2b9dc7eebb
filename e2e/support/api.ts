/**
 * Set-up calls to the API for the e2e tests, `bench:viewer`, `bench:arrival` and the screenshot
 * scripts: a signed-in session, calls made with it, and centres open around the clock.
 */

/** A signed-in API session (cookie and CSRF token). */
export interface ApiSession {
  cookie: string;
  csrfToken: string;
}

/** Signs `username` in through the API (the demo password unless another is given). */
export async function apiLogin(
  baseUrl: string,
  username: string,
  password = 'telerad-demo',
): Promise<ApiSession> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: HTTP ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

/** Calls the API as `s`; returns the parsed JSON answer (undefined for an empty one). */
export async function apiCall<T>(
  baseUrl: string,
  s: ApiSession,
  method: string,
  url: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${baseUrl}${url}`, {
    method,
    headers: {
      cookie: s.cookie,
      'x-csrf-token': s.csrfToken,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Opens every centre around the clock yesterday, today and tomorrow (tasks route at once). */
export async function openAllCentres(baseUrl: string): Promise<void> {
  const admin = await apiLogin(baseUrl, 'admin');
  const centres = await apiCall<{ id: string }[]>(baseUrl, admin, 'GET', '/api/centres');
  const day = (offset: number) =>
    new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const exceptions = [-1, 0, 1].map((o) => ({
    date: day(o),
    label: 'Reading 24/7',
    closed: false,
    intervals: [{ open: '00:00', close: '24:00' }],
  }));
  for (const c of centres)
    await apiCall(baseUrl, admin, 'PATCH', `/api/centres/${c.id}`, { exceptions });
}
