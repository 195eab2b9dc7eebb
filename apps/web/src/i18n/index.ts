import { DEFAULT_LANGUAGE, Language, LANGUAGES } from '@telerad/contracts';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { NAMESPACES, resources } from './resources';

/**
 * What the browser asks for, while nobody is signed in (the login page); once signed in, the
 * user's language (their own choice, else their clinic's) takes over.
 */
function browserLanguage(): Language {
  const asked = typeof navigator === 'undefined' ? [] : navigator.languages;
  for (const tag of asked) {
    const parsed = Language.safeParse(tag.slice(0, 2).toLowerCase());
    if (parsed.success) return parsed.data;
  }
  return DEFAULT_LANGUAGE;
}

/**
 * The web app's one i18next instance. Every catalogue is bundled (nothing is fetched at run
 * time, which matters on a clinic's slow link), so it is ready before the first render.
 */
export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources,
  lng: browserLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  ns: [...NAMESPACES],
  defaultNS: 'common',
  initAsync: false,
  // React escapes what it renders; escaping here too would show "&amp;".
  interpolation: { escapeValue: false },
  returnNull: false,
});
