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

  it("grants a gateway's service account exactly the gateway permissions, in its clinic", () => {
    const gateway: Actor = { ...actor([], ['c1']), via: 'token', service: 'gateway' };
    expect(can(gateway, 'archive:write')).toBe(true);
    expect(can(gateway, 'uploads:send')).toBe(true);
    expect(can(gateway, 'gateways:heartbeat')).toBe(true);
    expect(can(gateway, 'gateways:worklist')).toBe(true);
    for (const p of ['archive:read', 'worklist:read', 'report:read', 'self'] as const)
      expect(can(gateway, p), p).toBe(false);
    expect(can(actor(['clinic'], ['c1']), 'gateways:heartbeat')).toBe(false);
    expect(can(actor(['clinic'], ['c1']), 'gateways:worklist')).toBe(false);
    expect(clinicScope(gateway)).toEqual(['c1']);
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
