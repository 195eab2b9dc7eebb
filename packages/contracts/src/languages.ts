import { z } from 'zod';

/**
 * The languages the clinic-facing pages and the clinics' e-mails are written in. English is the
 * programme's language: structured report content stays in it whatever the reader's choice.
 */
export const LANGUAGES = ['en', 'fr', 'es'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

/** The language of anyone who chose none and whose clinic chose none. */
export const DEFAULT_LANGUAGE: Language = 'en';

/** Each language's name in itself, as a language menu shows it. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  fr: 'Français',
  es: 'Español',
};

/**
 * The language a user reads in: their own choice, else their clinic's default, else English.
 */
export function effectiveLanguage(
  own: string | null | undefined,
  clinicDefault?: string | null,
): Language {
  for (const l of [own, clinicDefault]) {
    const parsed = Language.safeParse(l);
    if (parsed.success) return parsed.data;
  }
  return DEFAULT_LANGUAGE;
}

/** Body of `PUT /api/auth/language`: the user's own language, or null to follow the clinic's. */
export const LanguageChoice = z.object({ language: Language.nullable() }).strict();
export type LanguageChoice = z.infer<typeof LanguageChoice>;

/** Answer of `PUT /api/auth/language`: how the user now reads (the same fields as in `Me`). */
export const UserLocale = z.object({
  language: Language,
  ownLanguage: Language.nullable(),
  /** The default of the user's clinic (their first by code); null for centre staff. */
  clinicLanguage: Language.nullable(),
  timeZone: z.string().nullable(),
});
export type UserLocale = z.infer<typeof UserLocale>;
