import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { assertClinicScope, can, clinicScope, inScope } from './policy';

const actor = (roles: Actor['roles'], clinicIds: string[] = []): Actor => ({
  userId: 'u',
  username: 'u',
  displayName: 'U',
  roles,
  clinicIds,
  via: 'session',
});

describe('policy', () => {
  it('grants permissions from role data only', () => {
    expect(can(actor(['admin']), 'users:write')).toBe(true);
    expect(can(actor(['radiologist']), 'users:write')).toBe(false);
    expect(can(actor(['auditor']), 'audit:read')).toBe(true);
    expect(can(actor(['clinic'], ['c1']), 'audit:read')).toBe(false);
  });

  it('scopes clinic users to their clinics and staff to all', () => {
    expect(clinicScope(actor(['radiologist']))).toBe('all');
    expect(clinicScope(actor(['clinic'], ['c1']))).toEqual(['c1']);
    expect(inScope(['c1'], 'c2')).toBe(false);
    expect(inScope(['c1'], null)).toBe(false);
    expect(inScope('all', 'c2')).toBe(true);
  });

  it('answers NOT_FOUND outside the scope, never revealing existence', () => {
    expect(() => assertClinicScope(actor(['clinic'], ['c1']), 'c2')).toThrowError(AppError);
    try {
      assertClinicScope(actor(['clinic'], ['c1']), 'c2');
    } catch (e) {
      expect((e as AppError).code).toBe('NOT_FOUND');
      expect((e as AppError).status).toBe(404);
    }
    expect(() => assertClinicScope(actor(['clinic'], ['c1']), 'c1')).not.toThrow();
  });
});
