import {
  DEFAULT_LANGUAGE,
  LANGUAGES,
  NOTIFICATION_CATALOGUE,
  type Language,
  type MessageTree,
  type NotificationFacts,
  type NotificationKind,
} from '@telerad/contracts';
import i18next, { type TFunction } from 'i18next';
import en, { CLINIC_KINDS, kindKey } from './locales/en';
import es from './locales/es';
import fr from './locales/fr';

/** The server's catalogues: the words of the clinics' notifications and e-mails. */
export const SERVER_CATALOGUES: Record<Language, MessageTree> = { en, fr, es };

/**
 * The server's i18next instance, bundled and initialised synchronously. Placeholders are
 * `{name}`, as in the notification catalogue, and a placeholder without its fact throws (as
 * `fillTemplate` does) so a template can never print a hole.
 */
const i18n = i18next.createInstance();
void i18n.init({
  resources: Object.fromEntries(LANGUAGES.map((l) => [l, { notifications: SERVER_CATALOGUES[l] }])),
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  ns: ['notifications'],
  defaultNS: 'notifications',
  initAsync: false,
  interpolation: { prefix: '{', suffix: '}', escapeValue: false },
  missingInterpolationHandler: (text: string, match: RegExpExecArray) => {
    throw new Error(`notification template needs ${match[0]} in "${text}"`);
  },
});

/** `t` in `language`. */
function tIn(language: Language): TFunction {
  return i18n.getFixedT(language, 'notifications');
}

/**
 * A fact value as `language` says it: a word of the catalogue's `facts` (a headline, a retake
 * reason) is translated, as is a comma-separated list of them, and a word followed by such a list
 * in brackets ("the retake (motion, artefacts)"); a name or an id is left as is.
 */
function factIn(language: Language, value: string | number): string | number {
  if (typeof value !== 'string') return value;
  // Looked up in the table itself: a fact's words may hold the key and namespace separators.
  const words = (i18n.getResource(language, 'notifications', 'facts') ?? {}) as Record<
    string,
    string | undefined
  >;
  const word = (w: string) => (Object.hasOwn(words, w) ? (words[w] ?? '') : '');
  const list = (v: string) => {
    const each = v.split(', ').map(word);
    return each.every(Boolean) ? each.join(', ') : '';
  };
  // A category with the reader's note ("Other urgent finding: hilar mass"): the note stays as written.
  const noted = /^([^:]+): (.+)$/s.exec(value);
  if (noted && word(noted[1]!)) return `${word(noted[1]!)}: ${noted[2]}`;
  const bracketed = /^(.+?) \((.+)\)$/.exec(value);
  if (bracketed) {
    const head = word(bracketed[1]!);
    const inner = list(bracketed[2]!);
    if (head && inner) return `${head} (${inner})`;
  }
  return list(value) || value;
}

/**
 * A kind's title and body in `language`: a kind clinic staff receive from the translated
 * catalogue, with its word facts translated; any other kind in English from the notification
 * catalogue (centre staff read English). Throws on a placeholder without its fact.
 */
export function renderKind(
  language: Language,
  kind: NotificationKind,
  facts: NotificationFacts,
): { title: string; body: string } {
  const lang = CLINIC_KINDS.includes(kind) ? language : DEFAULT_LANGUAGE;
  const t = tIn(lang);
  const values = Object.fromEntries(Object.entries(facts).map(([k, v]) => [k, factIn(lang, v)]));
  const key = kindKey(kind);
  const spec = NOTIFICATION_CATALOGUE[kind];
  const render = (part: 'title' | 'body') =>
    lang === DEFAULT_LANGUAGE || !i18n.exists(`kinds.${key}.${part}`, { lng: lang })
      ? i18n.services.interpolator.interpolate(spec[part], values, DEFAULT_LANGUAGE, {})
      : t(`kinds.${key}.${part}`, values);
  return { title: render('title'), body: render('body') };
}

/** An e-mail's subject and closing line in `language` (`url`: where it leads, if anywhere). */
export function emailWords(
  language: Language,
  title: string,
  url: string | null,
): { subject: string; closing: string } {
  const t = tIn(language);
  return {
    subject: t('email.subject', { title }),
    closing: url ? t('email.openAt', { url }) : t('email.openApp'),
  };
}
