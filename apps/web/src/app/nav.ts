import type { Icon } from '@tabler/icons-react';
import { rolesCan, type Permission, type Role } from '@telerad/contracts';
import { NAV_ITEMS } from './navItems';

export { NAV_ITEMS };

/** Groups of the navbar, in display order. */
export const NAV_SECTIONS = [
  'Overview',
  'Reading',
  'Quality',
  'Administration',
  'Support',
  'Oversight',
] as const;

/** One section of the navbar. */
export type NavSection = (typeof NAV_SECTIONS)[number];

/**
 * One navigation entry: shown only to users holding every permission in `permissions` (the
 * server's permissions of the calls its page makes, from the shared table in contracts).
 */
export interface NavItem {
  /** Its entry in the `common` catalogue: `nav.<key>.label`, `.description`, `.plain`. */
  key: string;
  label: string;
  path: string;
  icon: Icon;
  permissions: readonly Permission[];
  section: NavSection;
  /** One-line description used on the home page. */
  description: string;
  /**
   * The same in plain words, for users without the archive's technical view (clinic staff),
   * where `description` speaks the centre's language.
   */
  plainDescription?: string;
  /** A live count shown beside the entry (see AppLayout's NAV_BADGES). */
  badge?: 'unreadMessages' | 'sopsPending';
}

/** True when a user with `roles` may use `item`: holds every permission its page needs. */
export function canSee(item: Pick<NavItem, 'permissions'>, roles: readonly Role[]): boolean {
  return item.permissions.every((p) => rolesCan(roles, p));
}

/** The navigation entries a user with `roles` may use, in order. */
export function navFor(roles: readonly Role[]): NavItem[] {
  return NAV_ITEMS.filter((item) => canSee(item, roles));
}

/** What `item` is for, in plain words unless the user has the archive's technical view. */
export function describeNavItem(item: NavItem, technical: boolean): string {
  return technical ? item.description : (item.plainDescription ?? item.description);
}

/** The catalogue key of what `item` is for (see {@link describeNavItem}). */
export function describeNavItemKey(item: NavItem, technical: boolean): string {
  return `nav.${item.key}.${technical || !item.plainDescription ? 'description' : 'plain'}`;
}

/** The nav entry at `path`; route guards use it to find the permissions its page needs. */
export function navItem(path: string): NavItem {
  const item = NAV_ITEMS.find((i) => i.path === path);
  if (!item) throw new Error(`No nav item for ${path}`);
  return item;
}
