import { useEffect } from 'react';
import { useSession } from '../features/auth/session';
import { i18n } from './index';

/**
 * Follows the signed-in user's language (their own choice, else their clinic's): when the
 * session says another language than the page shows, the page switches in place, without a
 * reload. Also keeps `<html lang>` right for screen readers and the browser's hyphenation.
 */
export function LanguageSync() {
  const language = useSession().data?.user.language;
  useEffect(() => {
    if (language && i18n.language !== language) void i18n.changeLanguage(language);
  }, [language]);
  useEffect(() => {
    const set = (l: string) => document.documentElement.setAttribute('lang', l);
    set(i18n.language);
    i18n.on('languageChanged', set);
    return () => i18n.off('languageChanged', set);
  }, []);
  return null;
}
