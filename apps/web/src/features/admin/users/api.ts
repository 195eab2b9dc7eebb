import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { User, UserCreate, UserUpdate } from '@telerad/contracts';
import { api } from '../../../app/api';

const KEY = ['users'] as const;

/** All user accounts (admin only). */
export function useUsers(enabled = true) {
  return useQuery({ queryKey: KEY, queryFn: () => api.get<User[]>('/api/users'), enabled });
}

/** Creates a user. */
export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UserCreate) => api.post<User>('/api/users', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

/** Changes a user: profile fields, or one of the actions (password reset, unlock, reset MFA). */
export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UserUpdate }) =>
      api.patch<User>(`/api/users/${id}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}
