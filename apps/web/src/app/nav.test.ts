import { PERMISSIONS, type Role } from '@telerad/contracts';
import { describe, expect, it } from 'vitest';
import { resources } from '../i18n/resources';
import { describeNavItem, NAV_ITEMS, navFor, navItem } from './nav';

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
      // Registering applicants before the X-ray (the front desk).
      '/register',
      '/send',
      '/messages',
      '/studies',
      '/reports',
      '/qc',
      // The guidelines written for clinics (the library shows them no other document).
      '/sops',
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

describe('the navigation in the catalogue', () => {
  it('has every entry’s label and descriptions under nav.<key>, the English as the data says', () => {
    const nav = resources.en.common.nav as Record<string, Record<string, string>>;
    for (const item of NAV_ITEMS) {
      expect(nav[item.key]?.label).toBe(item.label);
      expect(nav[item.key]?.description).toBe(item.description);
      expect(nav[item.key]?.plain).toBe(item.plainDescription);
    }
  });
});
