import { rolesCan, type Permission } from '@telerad/contracts';
import { useMe } from '../features/auth/session';

/**
 * True when the signed-in user holds `permission`, read from the permission table the server
 * enforces (contracts), so a button or menu entry shows exactly when the call behind it may
 * succeed.
 */
export function useCan(permission: Permission): boolean {
  return rolesCan(useMe().roles, permission);
}
