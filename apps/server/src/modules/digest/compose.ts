import type { Db } from '../../platform/db';
import type { DigestDay } from './day';
import { renderHtml, renderText, type DigestContent } from './render';
import { DIGEST_SECTIONS, type DigestClinic } from './sections';
import { say, type DigestLanguage } from './strings';

/** A digest e-mail: subject and both bodies. */
export interface ComposedDigest {
  subject: string;
  text: string;
  html: string;
}

/** The locale dates are written in, per digest language. */
const DATE_LOCALE: Record<DigestLanguage, string> = { en: 'en-GB', fr: 'fr-FR', es: 'es-ES' };

/** A calendar date (YYYY-MM-DD) as people write it: "Monday 9 March 2026". */
export function longDate(day: string, lang: DigestLanguage): string {
  return new Intl.DateTimeFormat(DATE_LOCALE[lang], { dateStyle: 'full', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/**
 * Writes one manager's digest of `clinics` for the covered day: every section of
 * `DIGEST_SECTIONS` for each clinic in turn, read in `db` (the sweep's transaction), rendered as
 * plain text and HTML. Only the clinics given are read, so a digest can name no other clinic.
 */
export async function composeDigest(
  db: Db,
  opts: {
    recipientName: string;
    clinics: readonly DigestClinic[];
    day: DigestDay;
    now: Date;
    lang: DigestLanguage;
    baseUrl: string;
  },
): Promise<ComposedDigest> {
  const { lang, day } = opts;
  const names = opts.clinics.map((c) => c.code).join(', ');
  const when = longDate(day.day, lang);
  const groups: DigestContent['clinics'] = [];
  for (const clinic of opts.clinics) {
    const blocks = [];
    for (const section of DIGEST_SECTIONS)
      blocks.push(await section.collect({ db, clinic, day, now: opts.now, lang }));
    groups.push({
      clinic,
      heading: say(lang, 'clinicHeading', { name: clinic.name, code: clinic.code }),
      blocks,
    });
  }
  const content: DigestContent = {
    subject: say(lang, 'subject', { day: when, clinics: names }),
    greeting: say(lang, 'greeting', { name: opts.recipientName }),
    intro: say(lang, 'intro', { clinics: names, day: when, timeZone: day.timeZone }),
    clinics: groups,
    footer: say(lang, 'footer', { clinics: names, profileUrl: `${opts.baseUrl}/profile` }),
    open: say(lang, 'open'),
    baseUrl: opts.baseUrl,
  };
  return { subject: content.subject, text: renderText(content), html: renderHtml(content) };
}
