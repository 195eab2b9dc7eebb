/**
 * The layout every PDF the centre produces shares (DESIGN.md §3: pdfkit, with the standard PDF
 * fonts, so nothing is downloaded or embedded at run time): A4, one margin, headings ruled off,
 * `label: value` fields and plain paragraphs, all in WinAnsi text.
 */

/** The page margin, in points. */
export const MARGIN = 48;
/** The grey of secondary text, and the grey of rules. */
export const GREY = '#555555';
export const RULE = '#bbbbbb';

/**
 * The standard fonts encode WinAnsi only: other characters (a name in another script) are shown
 * as `?` rather than dropped silently.
 */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const ASCII_FOR: Record<string, string> = { '≥': '>=', '≤': '<=', '→': '->', '−': '-' };
export function winAnsi(s: string): string {
  let out = '';
  for (const raw of s) {
    const ch = ASCII_FOR[raw] ?? raw;
    if (ch.length > 1) {
      out += ch;
      continue;
    }
    const c = ch.codePointAt(0)!;
    out +=
      (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || WIN_ANSI_EXTRA.has(ch) || ch === '\n'
        ? ch
        : '?';
  }
  return out;
}

/** A pdfkit document. */
export type Doc = PDFKit.PDFDocument;

/** The width between the margins. */
export const width = (doc: Doc) => doc.page.width - 2 * MARGIN;

/**
 * Renders an A4 document drawn by `draw` to its bytes. pdfkit (and its font metrics) is loaded
 * on first use, so a server that never makes a PDF does not carry it: it keeps the DICOM door's
 * peak memory under its budget.
 */
export async function renderPdf(
  info: PDFKit.DocumentInfo,
  draw: (doc: Doc) => void,
): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc);
  doc.end();
  return done;
}

/** A section heading, ruled off below. */
export function heading(doc: Doc, text: string): void {
  doc.moveDown(0.6);
  doc.font('Helvetica-Bold').fontSize(11).fillColor('black').text(winAnsi(text));
  const y = doc.y + 1;
  doc
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + width(doc), y)
    .strokeColor(RULE)
    .lineWidth(0.5)
    .stroke();
  doc.moveDown(0.3);
}

/** `label: value`, the value a dash when empty. */
export function field(doc: Doc, label: string, value: string | null | undefined): void {
  doc
    .font('Helvetica-Bold')
    .fontSize(9.5)
    .fillColor('black')
    .text(`${winAnsi(label)}: `, { continued: true })
    .font('Helvetica')
    .text(winAnsi(value?.trim() ? value : '—'));
}

/** A paragraph of plain text across the page. */
export function paragraph(doc: Doc, text: string): void {
  doc
    .font('Helvetica')
    .fontSize(9.5)
    .fillColor('black')
    .text(winAnsi(text), { width: width(doc) });
}
