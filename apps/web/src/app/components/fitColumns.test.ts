import { describe, expect, it } from 'vitest';
import { columnPriority, hiddenColumnsCss, whenHidden } from './fitColumns';

describe('column fitting rules', () => {
  it('hides a column in the header and the body, but not a detail row spanning the table', () => {
    const css = hiddenColumnsCss('t1', [{ index: 2, key: undefined }]);
    expect(css).toContain('table[data-fit-id="t1"] > thead > tr > :nth-child(3)');
    expect(css).toContain('table[data-fit-id="t1"] > tbody > tr > :nth-child(3):not([colspan])');
    expect(css).not.toContain('data-when-hidden');
  });

  it("shows a hidden column's value where another cell carries it", () => {
    const css = hiddenColumnsCss('t1', [{ index: 1, key: 'patientId' }]);
    expect(css).toMatch(
      /table\[data-fit-id="t1"\] \[data-when-hidden="patientId"\] \{ display: block; \}/,
    );
    expect(whenHidden('patientId')).toEqual({ 'data-when-hidden': 'patientId' });
  });

  it('hides nothing while everything fits, and marks only columns that may give way', () => {
    expect(hiddenColumnsCss('t1', [])).toBe('');
    expect(columnPriority(3)).toEqual({ 'data-priority': 3 });
    expect(columnPriority(2, 'clinic')).toEqual({ 'data-priority': 2, 'data-column': 'clinic' });
  });
});
