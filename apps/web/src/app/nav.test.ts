import { PERMISSIONS, type Role } from '@telerad/contracts';
import { describe, expect, it } from 'vitest';
import { navFor } from './nav';

const paths = (roles: Role[]) => navFor(roles).map((i) => i.path);

describe('navigation from the shared permission table', () => {
  it('shows the audit trail to every role the server lets read it, admin included', () => {
    for (const role of PERMISSIONS['audit:read']) expect(paths([role])).toContain('/audit');
    expect(paths(['radiologist'])).not.toContain('/audit');
  });

  it('keeps clinic staff out of centre-only pages and in their own reading pages', () => {
    expect(paths(['clinic'])).toEqual([
      '/',
      '/worklist',
      '/send',
      '/studies',
      '/reports',
      '/profile',
    ]);
  });
});
