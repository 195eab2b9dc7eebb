import { Marked, type Tokens } from 'marked';

/** A section of the statement, for its table of contents. */
export interface Section {
  id: string;
  title: string;
}

/** The statement as HTML, and its top-level sections. */
export interface RenderedStatement {
  html: string;
  sections: Section[];
}

/**
 * An anchor id from a heading's text, as GitHub makes them, so a link to a section works on the
 * page and in the repository alike: `3.2.1 SOP classes` → `321-sop-classes`.
 */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .trim()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/**
 * Renders the conformance statement's Markdown (GitHub-flavoured, as marked reads it) to HTML:
 * every heading gets an anchor id so sections can be linked (`/conformance#6-security`), a repeated heading's with `-1`, `-2` as on GitHub, and
 * every table is wrapped in a block that scrolls sideways, so the wide UID tables stay readable
 * on a tablet instead of widening the page. The text is the repository's own document, bundled
 * at build time, so it is trusted and rendered as is.
 */
export function renderStatement(markdown: string): RenderedStatement {
  const sections: Section[] = [];
  const seen = new Map<string, number>();
  const marked = new Marked({ gfm: true });
  marked.use({
    renderer: {
      heading(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, token) {
        const base = slug(token.text);
        const n = seen.get(base) ?? 0;
        seen.set(base, n + 1);
        const id = n ? `${base}-${n}` : base;
        if (token.depth === 2) sections.push({ id, title: token.text });
        const inner = this.parser.parseInline(token.tokens);
        return `<h${token.depth} id="${id}">${inner}</h${token.depth}>\n`;
      },
    },
  });
  const html = (marked.parse(markdown, { async: false }) as string)
    .replace(/<table>/g, '<div class="statement-table" tabindex="0"><table>')
    .replace(/<\/table>/g, '</table></div>');
  return { html, sections };
}
