/**
 * Fitting a table to its box by dropping its least important columns first.
 *
 * A header cell carries `data-priority` (see {@link columnPriority}); a column without one is
 * essential and never hidden. On a narrow screen the columns with the highest number go first,
 * right-most first among equals, until the table fits or nothing more may go. Columns are hidden
 * by a style sheet of `:nth-child` rules, so rows that arrive later are hidden alike.
 */

/** How readily a column gives way: 5 goes first, 2 last; a column without one always stays. */
export type ColumnPriority = 2 | 3 | 4 | 5;

/**
 * Spread on a `Table.Th` to let its column give way on narrow screens. A `key` lets another cell
 * carry the column's value while it is hidden (see {@link whenHidden}).
 */
export function columnPriority(
  priority: ColumnPriority,
  key?: string,
): { 'data-priority': ColumnPriority; 'data-column'?: string } {
  return key ? { 'data-priority': priority, 'data-column': key } : { 'data-priority': priority };
}

/**
 * Spread on an element inside another cell: it shows only while the column `key` is hidden, so a
 * dropped column's value merges into a column that stays (a patient ID under the name).
 */
export function whenHidden(key: string): { 'data-when-hidden': string } {
  return { 'data-when-hidden': key };
}

/** Hides merged values of columns that are on screen; in the style sheet every table shares. */
export const MERGED_VALUES_CSS = '[data-when-hidden] { display: none; }';

/** A column that gives way: its place in the row and, when it has one, its key. */
interface Droppable {
  index: number;
  key: string | undefined;
  label: string;
}

/**
 * The CSS that hides `columns` of the table with this `id` and shows their values merged into
 * other cells.
 */
export function hiddenColumnsCss(id: string, columns: readonly Omit<Droppable, 'label'>[]): string {
  if (columns.length === 0) return '';
  const scope = `table[data-fit-id="${id}"]`;
  const hide = columns.flatMap(({ index }) => [
    `${scope} > thead > tr > :nth-child(${index + 1})`,
    // A detail row spanning the table is not a column.
    `${scope} > tbody > tr > :nth-child(${index + 1}):not([colspan])`,
  ]);
  const merged = columns.filter((c) => c.key).map((c) => `${scope} [data-when-hidden="${c.key}"]`);
  return [
    `${hide.join(',\n')} { display: none; }`,
    merged.length > 0 ? `${merged.join(',\n')} { display: block; }` : '',
  ].join('\n');
}

/** The header cells that may give way, in the order they go. */
function dropOrder(table: HTMLTableElement): Droppable[] {
  const cells = Array.from(table.tHead?.rows[0]?.cells ?? []);
  return cells
    .map((cell, index) => ({
      index,
      key: cell.dataset.column,
      priority: Number(cell.dataset.priority ?? 0),
      label: (cell.textContent ?? '').trim() || `column ${index + 1}`,
    }))
    .filter((c) => c.priority > 0)
    .sort((a, b) => b.priority - a.priority || b.index - a.index)
    .map(({ index, key, label }) => ({ index, key, label }));
}

/**
 * Shows every column, then hides the least important ones until `table` is no wider than `box`.
 * Writes the rules into `sheet` and answers the labels of the hidden columns.
 */
export function fitColumns(
  table: HTMLTableElement,
  box: HTMLElement,
  sheet: HTMLStyleElement,
  id: string,
): string[] {
  const hidden: Droppable[] = [];
  const order = dropOrder(table);
  const write = () => {
    sheet.textContent = hiddenColumnsCss(id, hidden);
  };
  write();
  // Reading scrollWidth lays the table out again after each rule change.
  while (table.scrollWidth > box.clientWidth && order.length > 0) {
    hidden.push(order.shift()!);
    write();
  }
  return hidden.map((c) => c.label);
}
