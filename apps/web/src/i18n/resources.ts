import type { Language, MessageTree } from '@telerad/contracts';
import en from './locales/en';
import es from './locales/es';
import fr from './locales/fr';

/**
 * The namespaces: one per area of the clinic's pages. `common` holds the frame (navigation,
 * account menu, notification bell) and words every page uses.
 */
export const NAMESPACES = [
  'common',
  'clinic',
  'upload',
  'reports',
  'profile',
  'portal',
  'messaging',
  'sops',
  'qc',
  'register',
] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** A language's catalogue: one message tree per namespace. */
export type LanguageCatalogue = Record<Namespace, MessageTree>;

/** Every catalogue, bundled: English is the reference the others are checked against. */
export const resources: Record<Language, LanguageCatalogue> = { en, fr, es };
