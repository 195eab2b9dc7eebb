import { Marked, type Tokens } from 'marked';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe to place in HTML, attributes included. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * A link target that cannot run script: http(s), mailto, a path in the app or an anchor. Anything
 * else (`javascript:`, `data:`, `vbscript:`, a protocol hidden by entities or control characters)
 * is refused, and the link becomes its text.
 */
export function safeHref(href: string): string | null {
  const h = href.trim();
  if (/^(https?:|mailto:)/i.test(h)) return h;
  if (/^[/#]/.test(h) && !h.startsWith('//')) return h;
  return null;
}

/**
 * Renders an SOP's Markdown (GitHub-flavoured) to HTML that is safe to insert: QA writes the
 * text, but every member of staff and clinic user opens it, so nothing in it may run. Raw HTML is
 * shown as text, never parsed; links keep only safe targets and open in a new tab without access
 * to this one; images are not loaded (a remote image would tell its server who read the SOP
 * and when) and show as links to their source; every table scrolls sideways on a narrow screen.
 */
export function renderSopMarkdown(markdown: string): string {
  const marked = new Marked({ gfm: true });
  marked.use({
    renderer: {
      html(token: Tokens.HTML | Tokens.Tag) {
        return escapeHtml(token.text);
      },
      link(this: { parser: { parseInline(t: Tokens.Generic[]): string } }, token: Tokens.Link) {
        const inner = this.parser.parseInline(token.tokens);
        const href = safeHref(token.href);
        if (!href) return inner;
        return `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${inner}</a>`;
      },
      image(token: Tokens.Image) {
        const href = safeHref(token.href);
        const label = escapeHtml(token.text || 'image');
        return href
          ? `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">[${label}]</a>`
          : `[${label}]`;
      },
    },
  });
  return (marked.parse(markdown, { async: false }) as string)
    .replace(/<table>/g, '<div class="sop-table" tabindex="0"><table>')
    .replace(/<\/table>/g, '</table></div>');
}
