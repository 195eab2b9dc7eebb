import { useMutation, useQuery } from '@tanstack/react-query';
import type { MfaEnrollment, SessionInfo } from '@telerad/contracts';
import { api } from '../../app/api';
import { ApiError } from '../../app/apiError';
import { SESSION_KEY, currentSession, queryClient } from '../../app/queryClient';

/** Message shown on the login page after the server ended the session. */
export const SESSION_EXPIRED_MESSAGE = 'Your session expired, please sign in again';

let expiredNotice: string | null = null;

/** Marks the session as lost: the login page will say so once. */
export function markSessionExpired(): void {
  expiredNotice = SESSION_EXPIRED_MESSAGE;
  forgetUserData();
  queryClient.setQueryData(SESSION_KEY, null);
}

/** Drops every cached answer but the session, so the next user never sees the last one's data. */
function forgetUserData(): void {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
}

/** The notice the login page should show, if any. */
export function peekExpiredNotice(): string | null {
  return expiredNotice;
}

/** Forgets the notice once the user signs in again. */
export function clearExpiredNotice(): void {
  expiredNotice = null;
}

async function fetchSession(): Promise<SessionInfo | null> {
  try {
    return await api.get<SessionInfo>('/api/auth/session');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      // A session we had is gone: say so on the login page.
      if (currentSession()?.stage === 'active') expiredNotice = SESSION_EXPIRED_MESSAGE;
      return null;
    }
    throw error;
  }
}

/** The current session (null when signed out). Its data holds the CSRF token. */
export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 60_000 });
}

/** The signed-in user; only for pages behind the session guard. */
export function useMe() {
  const { data } = useSession();
  if (!data) throw new Error('useMe needs a session');
  return data.user;
}

function storeSession(info: SessionInfo): void {
  queryClient.setQueryData(SESSION_KEY, info);
}

/** Signs in with username and password; the answer says which step comes next. */
export function useLogin() {
  return useMutation({
    mutationFn: (body: { username: string; password: string }) =>
      api.post<SessionInfo>('/api/auth/login', body),
    onSuccess: (info) => {
      forgetUserData();
      storeSession(info);
    },
  });
}

/** Sends a TOTP or recovery code to finish signing in. */
export function useVerifyMfa() {
  return useMutation({
    mutationFn: (code: string) => api.post<SessionInfo>('/api/auth/mfa/verify', { code }),
    onSuccess: storeSession,
  });
}

/** Starts MFA enrolment: a fresh secret and its QR code. */
export function useEnrollMfa() {
  return useMutation({ mutationFn: () => api.post<MfaEnrollment>('/api/auth/mfa/enroll') });
}

/** Confirms MFA enrolment with a first code; answers with one-time recovery codes. */
export function useConfirmMfa() {
  return useMutation({
    mutationFn: (code: string) =>
      api.post<{ recoveryCodes: string[] }>('/api/auth/mfa/confirm', { code }),
  });
}

/** Re-reads the session from the server (after MFA changes the stage). */
export function refreshSession(): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: SESSION_KEY });
}

/** Signs out and forgets every cached answer. */
export function useLogout() {
  return useMutation({
    mutationFn: () => api.post<void>('/api/auth/logout'),
    onSettled: () => {
      // Not queryClient.clear(): dropping the session query itself would leave mounted pages
      // without a user for a render. Null it, and drop everything else.
      forgetUserData();
      queryClient.setQueryData(SESSION_KEY, null);
    },
  });
}
