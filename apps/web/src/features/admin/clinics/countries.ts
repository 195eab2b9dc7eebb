/** Region codes Intl knows that are not countries. */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'ZZ', 'QO', 'XA', 'XB', 'XK']);

let cache: { value: string; label: string }[] | null = null;

/** ISO 3166 alpha-2 countries with English names, e.g. `{ value: 'PH', label: 'Philippines (PH)' }`. */
export function countryOptions(): { value: string; label: string }[] {
  if (cache) return cache;
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  const out: { value: string; label: string }[] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (NOT_COUNTRIES.has(code)) continue;
      let name: string | undefined;
      try {
        name = names.of(code);
      } catch {
        name = undefined;
      }
      if (name && name !== code) out.push({ value: code, label: `${name} (${code})` });
    }
  }
  cache = out.sort((x, y) => x.label.localeCompare(y.label));
  return cache;
}

/** The English name of a country code, or the code itself. */
export function countryName(code: string): string {
  return (
    countryOptions()
      .find((c) => c.value === code)
      ?.label.replace(/ \([A-Z]{2}\)$/, '') ?? code
  );
}
