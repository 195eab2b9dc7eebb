import type { CriticalResult } from '@telerad/contracts';
import type { TFunction } from 'i18next';

/** A critical result's finding in the reader's language: the category, and the note if any. */
export function findingLabel(
  t: TFunction<'reports'>,
  c: Pick<CriticalResult, 'category' | 'note'>,
) {
  const category = t(`critical.categories.${c.category}`);
  return c.note ? `${category}: ${c.note}` : category;
}
