import { describe, expect, it } from 'vitest';
import { renderSopMarkdown, safeHref } from './sopHtml';

describe('an SOP’s Markdown as HTML', () => {
  it('renders headings, lists, emphasis and tables', () => {
    const html = renderSopMarkdown(
      '# Identification\n\n1. Ask the **name**\n2. Check the *ID*\n\n| a | b |\n|---|---|\n| 1 | 2 |\n',
    );
    expect(html).toContain('<h1>Identification</h1>');
    expect(html).toContain('<ol>');
    expect(html).toContain('<strong>name</strong>');
    expect(html).toContain('<div class="sop-table" tabindex="0"><table>');
  });

  it('shows raw HTML as text, so no script, handler or frame runs', () => {
    const html = renderSopMarkdown(
      'Hello <script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n<iframe src="https://evil.example"></iframe>',
    );
    expect(html).not.toMatch(/<script|<img|<iframe/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
  });

  it('keeps safe links, drops script links and never loads images', () => {
    const html = renderSopMarkdown(
      '[guide](https://who.int/tb) [bad](javascript:alert(1)) [enc](jav&#x61;script:alert(1)) ![x](https://tracker.example/p.png)',
    );
    expect(html).toContain(
      '<a href="https://who.int/tb" target="_blank" rel="noopener noreferrer">guide</a>',
    );
    expect(html).not.toMatch(/href="[^"]*script:/i);
    expect(html).not.toContain('<img');
    expect(html).toContain('[x]');
    expect(safeHref('//evil.example/x')).toBeNull();
    expect(safeHref('data:text/html,hi')).toBeNull();
    expect(safeHref('/sops')).toBe('/sops');
  });
});
