import { ApiError } from './apiError';
import { currentSession } from './queryClient';

/** Codes with which the server says the session is gone. */
const SESSION_GONE = new Set(['SESSION_EXPIRED', 'UNAUTHENTICATED']);

/** Paths whose 401 is an answer about credentials, not a lost session. */
const AUTH_PATHS = ['/api/auth/login', '/api/auth/session', '/api/auth/mfa/verify'];

type SessionLostListener = () => void;
let onSessionLost: SessionLostListener = () => undefined;

/** Registers what to do when any call finds the session expired (the router sends to login). */
export function setSessionLostListener(listener: SessionLostListener): void {
  onSessionLost = listener;
}

type Query = Record<string, string | number | boolean | null | undefined>;

interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    // The server refuses state-changing calls without the token of the current session.
    const csrf = currentSession()?.csrfToken;
    if (csrf) headers['x-csrf-token'] = csrf;
  }
  const res = await fetch(buildUrl(path, options.query), {
    method,
    headers,
    credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  });
  if (!res.ok) {
    const error = await ApiError.fromResponse(res);
    if (res.status === 401 && SESSION_GONE.has(error.code) && !AUTH_PATHS.includes(path)) {
      onSessionLost();
    }
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The typed JSON client of the Telerad REST API (same origin, session cookie, CSRF header). */
export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};
