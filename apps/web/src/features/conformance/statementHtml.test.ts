import { describe, expect, it } from 'vitest';
import statement from '../../../../../docs/conformance/DICOM.md?raw';
import { renderStatement, slug } from './statementHtml';

describe('the conformance statement page', () => {
  const { html, sections } = renderStatement(statement);

  it('gives every heading an anchor and lists the numbered sections', () => {
    expect(sections.map((s) => s.id)).toContain('6-security');
    expect(sections[0]).toEqual({
      id: '1-conformance-statement-overview',
      title: '1. Conformance statement overview',
    });
    expect(html).toContain('<h4 id="321-sop-classes">3.2.1 SOP classes</h4>');
    expect(slug('Activity: answer queries (C-FIND SCP)')).toBe(
      'activity-answer-queries-c-find-scp',
    );
  });

  it('puts each table in a block that scrolls sideways', () => {
    const tables = html.match(/<table>/g)?.length ?? 0;
    expect(tables).toBeGreaterThan(10);
    expect(html.match(/<div class="statement-table" tabindex="0"><table>/g)).toHaveLength(tables);
    expect(html).toContain('<td><code>1.2.840.10008.5.1.4.1.1.88.22</code></td>');
  });
});
