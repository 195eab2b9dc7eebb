/** A catalogue of translated strings: keys nest, leaves are the words. */
export interface MessageTree {
  readonly [key: string]: string | MessageTree;
}

/**
 * i18next's plural suffixes (CLDR categories): `files_one` and `files_other` are one message,
 * `files`, whose forms differ by language (French and Spanish also have `_many`).
 */
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** `{{name}}` (i18next) and `{name}` (the notification catalogue) placeholders of a string. */
function placeholders(s: string): string[] {
  const names = new Set<string>();
  for (const m of s.matchAll(/\{\{\s*([\w.]+)(?:\s*,[^}]*)?\s*\}\}|\{(\w+)\}/g)) {
    names.add(m[1] ?? m[2]!);
  }
  return [...names].sort();
}

/** Each message of a tree (plural forms joined) with the placeholders its forms use. */
function messages(tree: MessageTree, prefix = ''): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') {
      const id = prefix + key.replace(PLURAL, '');
      const vars = out.get(id) ?? new Set<string>();
      for (const p of placeholders(value)) vars.add(p);
      out.set(id, vars);
    } else {
      for (const [id, vars] of messages(value, `${prefix}${key}.`)) out.set(id, vars);
    }
  }
  return out;
}

/**
 * What is wrong with a translation against the reference (English) catalogue: a message missing,
 * a message the reference lacks (an orphan), or a message whose placeholders differ (a
 * translation that drops `{{count}}` prints a wrong sentence; one that adds a name prints a
 * hole). Empty when the two agree. Plural forms count as one message, since languages differ in
 * how many forms they need.
 */
export function catalogueProblems(
  reference: MessageTree,
  translation: MessageTree,
  language: string,
): string[] {
  const ref = messages(reference);
  const tr = messages(translation);
  const problems: string[] = [];
  for (const [id, vars] of ref) {
    const other = tr.get(id);
    if (!other) {
      problems.push(`${language}: missing ${id}`);
      continue;
    }
    const want = [...vars].sort().join(', ');
    const got = [...other].sort().join(', ');
    if (want !== got)
      problems.push(`${language}: ${id} uses {${got}} where English uses {${want}}`);
  }
  for (const id of tr.keys()) if (!ref.has(id)) problems.push(`${language}: orphan ${id}`);
  return problems;
}
