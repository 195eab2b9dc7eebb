import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiToken, Language, SessionInfo, UserLocale } from '@telerad/contracts';
import { api } from '../../app/api';
import { SESSION_KEY } from '../../app/queryClient';

const TOKENS = ['auth', 'tokens'] as const;

/** Changes the signed-in user's password. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api.post<void>('/api/auth/password', body),
  });
}

/** Turns MFA off; the current password proves intent. */
export function useDisableMfa() {
  return useMutation({
    mutationFn: (password: string) => api.post<void>('/api/auth/mfa/disable', { password }),
  });
}

/** The user's API tokens (never their secrets). */
export function useApiTokens() {
  return useQuery({ queryKey: TOKENS, queryFn: () => api.get<ApiToken[]>('/api/auth/tokens') });
}

/** Creates an API token; the answer carries the secret, shown once. */
export function useCreateApiToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; expiresInDays: number | null }) =>
      api.post<ApiToken & { token: string }>('/api/auth/tokens', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: TOKENS }),
  });
}

/** Revokes an API token. */
export function useRevokeApiToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/auth/tokens/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: TOKENS }),
  });
}

/**
 * Sets the user's own language (null: follow the clinic's). The answer goes into the session,
 * so the whole app switches language in place, without a reload.
 */
export function useSetLanguage() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (language: Language | null) =>
      api.put<UserLocale>('/api/auth/language', { language }),
    onSuccess: (locale) =>
      qc.setQueryData<SessionInfo | null>(SESSION_KEY, (s) =>
        s ? { ...s, user: { ...s.user, ...locale } } : s,
      ),
  });
}
