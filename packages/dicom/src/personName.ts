/**
 * DICOM person names (PS3.5 §6.2.1, VR PN): up to three component groups (alphabetic,
 * ideographic, phonetic) separated by `=`, each with five components separated by `^`:
 * family, given, middle, prefix, suffix.
 */
export interface PersonName {
  family: string;
  given: string;
  middle: string;
  prefix: string;
  suffix: string;
}

/** Splits the alphabetic group of a PN value into its components. */
export function parsePersonName(pn: string | undefined | null): PersonName {
  const alphabetic = (pn ?? '').split('=')[0] ?? '';
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = alphabetic
    .split('^')
    .map((s) => s.trim());
  return { family, given, middle, prefix, suffix };
}

/** A display form: `FAMILY, Given Middle` (prefix and suffix kept when present). */
export function formatPersonName(pn: string | undefined | null): string {
  const p = parsePersonName(pn);
  const rest = [p.prefix, p.given, p.middle].filter(Boolean).join(' ');
  const main = [p.family, rest].filter(Boolean).join(', ');
  return [main, p.suffix].filter(Boolean).join(' ');
}
