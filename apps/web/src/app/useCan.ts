import type { Role } from '@telerad/contracts';
import { useMe } from '../features/auth/session';

/** True when the signed-in user holds one of `roles` (the server makes the same check). */
export function useHasRole(...roles: Role[]): boolean {
  const me = useMe();
  return roles.some((r) => me.roles.includes(r));
}
