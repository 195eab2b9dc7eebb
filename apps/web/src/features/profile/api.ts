import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiToken } from '@telerad/contracts';
import { api } from '../../app/api';

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
