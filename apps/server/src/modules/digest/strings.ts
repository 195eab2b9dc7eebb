/**
 * Every word of the daily digest e-mail, in one object per language, so that the e-mail reads in
 * the manager's language once the server has translations. Values are plain text; `{name}`
 * placeholders are filled by `say` and escaped by the HTML renderer.
 */
export const DIGEST_STRINGS = {
  en: {
    subject: 'Telerad daily summary for {day}: {clinics}',
    greeting: 'Hello {name},',
    intro: 'Here is what happened at {clinics} on {day} ({timeZone}), and what waits for you now.',
    clinicHeading: '{name} ({code})',
    studiesTitle: 'Studies received that day',
    studiesTotal: 'In all',
    studiesNone: 'No studies arrived that day.',
    turnaroundTitle: 'Turnaround',
    turnaroundReported: 'Reports released',
    turnaroundMedian: 'Median time to report',
    turnaroundWithin: 'Reported within the agreed time',
    turnaroundNone: 'No reports were released that day.',
    pendingTitle: 'Waiting for action now',
    pendingNone: 'Nothing waits for you.',
    retakesWaiting: 'Retakes requested, new images not yet sent',
    reportsNotOpened: 'Released reports nobody at the clinic has opened',
    received: 'Received, not yet queued for reading',
    open: 'Open',
    minutes: '{n} min',
    percent: '{n}%',
    footer:
      'You receive this summary because you manage {clinics}. To stop it, turn off "Daily summary" on your profile: {profileUrl}',
  },
} as const;

/** A language the digest is written in. */
export type DigestLanguage = keyof typeof DIGEST_STRINGS;
/** The name of one digest string. */
export type DigestStringKey = keyof (typeof DIGEST_STRINGS)['en'];

/** A digest string in `lang` with its `{name}` placeholders filled (a missing fact stays visible). */
export function say(
  lang: DigestLanguage,
  key: DigestStringKey,
  facts: Readonly<Record<string, string | number>> = {},
): string {
  return DIGEST_STRINGS[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    facts[name] === undefined ? whole : String(facts[name]),
  );
}
