import { PERMISSIONS, type Role } from '@telerad/contracts';
import { describe, expect, it } from 'vitest';
import { describeNavItem, navFor, navItem } from './nav';

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

describe('home shortcuts in the words of their reader', () => {
  it('describes pages to clinic staff in plain words, and to the centre in its own', () => {
    const worklist = navItem('/worklist');
    expect(describeNavItem(worklist, false)).not.toMatch(/claim|SLA/);
    expect(describeNavItem(worklist, true)).toBe(worklist.description);
    expect(describeNavItem(navItem('/studies'), false)).not.toMatch(/archive|modality/);
    // A page without a plain description reads the same to everyone.
    expect(describeNavItem(navItem('/profile'), false)).toBe(navItem('/profile').description);
  });
});
