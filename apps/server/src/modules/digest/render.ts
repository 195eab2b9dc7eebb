import type { DigestBlock, DigestClinic } from './sections';

/** A digest ready to render: its subject, opening lines, one group of blocks per clinic. */
export interface DigestContent {
  subject: string;
  greeting: string;
  intro: string;
  clinics: { clinic: DigestClinic; heading: string; blocks: DigestBlock[] }[];
  footer: string;
  /** The label of links (an arrow would be lost on some readers). */
  open: string;
  /** TELERAD_PUBLIC_URL without a trailing slash: the base of every link. */
  baseUrl: string;
}

/** A path of the web app as an absolute link. */
export const absolute = (baseUrl: string, path: string) => `${baseUrl}${path}`;

/** The plain-text body: readable in any client, one figure a line. */
export function renderText(c: DigestContent): string {
  const out = [c.greeting, '', c.intro, ''];
  for (const g of c.clinics) {
    out.push(g.heading, '='.repeat(Math.min(g.heading.length, 60)), '');
    for (const b of g.blocks) {
      out.push(b.title, '-'.repeat(Math.min(b.title.length, 60)));
      if (b.lines.length === 0) out.push(b.empty);
      for (const l of b.lines)
        out.push(`${l.label}: ${l.value}${l.link ? ` (${absolute(c.baseUrl, l.link)})` : ''}`);
      out.push('');
    }
  }
  out.push('--', c.footer);
  return out.join('\n');
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

/**
 * The HTML body: one column at most 600 px wide that narrows with the screen, inline styles only
 * (mail clients drop style sheets), a table per section so figures line up without CSS grid,
 * and text large enough on a phone. Every value is escaped.
 */
export function renderHtml(c: DigestContent): string {
  const e = escapeHtml;
  const row = (label: string, value: string, link?: string) =>
    `<tr><td style="padding:6px 8px 6px 0;border-bottom:1px solid #e9ecef;font-size:15px;color:#212529">${e(label)}${
      link
        ? ` <a href="${e(absolute(c.baseUrl, link))}" style="color:#1c7ed6;white-space:nowrap">${e(c.open)}</a>`
        : ''
    }</td><td style="padding:6px 0;border-bottom:1px solid #e9ecef;font-size:15px;font-weight:600;text-align:right;white-space:nowrap;color:#212529">${e(value)}</td></tr>`;
  const block = (b: {
    title: string;
    lines: { label: string; value: string; link?: string }[];
    empty: string;
  }) =>
    `<h3 style="margin:20px 0 6px;font-size:16px;color:#343a40">${e(b.title)}</h3>${
      b.lines.length
        ? `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%">${b.lines
            .map((l) => row(l.label, l.value, l.link))
            .join('')}</table>`
        : `<p style="margin:4px 0;font-size:15px;color:#495057">${e(b.empty)}</p>`
    }`;
  const clinics = c.clinics
    .map(
      (g) =>
        `<h2 style="margin:28px 0 4px;font-size:18px;color:#1864ab;border-bottom:2px solid #1864ab;padding-bottom:4px">${e(g.heading)}</h2>${g.blocks
          .map(block)
          .join('')}`,
    )
    .join('');
  return `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${e(c.subject)}</title></head>
<body style="margin:0;padding:0;background:#f1f3f5">
<div style="max-width:600px;margin:0 auto;padding:16px;background:#ffffff;${FONT};line-height:1.45">
<p style="margin:0 0 8px;font-size:15px;color:#212529">${e(c.greeting)}</p>
<p style="margin:0 0 8px;font-size:15px;color:#212529">${e(c.intro)}</p>
${clinics}
<p style="margin:28px 0 0;font-size:13px;color:#868e96">${e(c.footer)}</p>
</div>
</body></html>`;
}
