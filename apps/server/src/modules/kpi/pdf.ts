import type { KpiDashboard } from '@telerad/contracts';
import { winAnsi } from '../delivery';
import { dashboardRows, type Cell } from './csv';
import type { Scope } from './filters';

const MARGIN = 48;
const RULE = '#bbbbbb';
/** Panels left out of the PDF: 168 heatmap cells read better on the page than on paper. */
const SCREEN_ONLY = new Set(['turnaround by arrival']);

const text = (c: Cell | undefined) => winAnsi(c === null || c === undefined ? '—' : String(c));

/**
 * The dashboard as a PDF for a periodic review (pdfkit with its standard fonts, loaded on first
 * use): the filters, then each panel's figures as label and value lines, as the CSV lists them.
 */
export async function dashboardPdf(
  d: KpiDashboard,
  s: Scope,
  names: { centre?: string; clinic?: string; reader?: string },
  now: Date = new Date(),
): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: `KPI report ${d.period.from} to ${d.period.to}`, Creator: 'Telerad' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  doc.font('Helvetica-Bold').fontSize(16).text('KPI report');
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor('#555555')
    .text(
      winAnsi(
        [
          `Period ${d.period.from} to ${d.period.to} (UTC days)`,
          `centre: ${names.centre ?? 'all'}`,
          `clinic: ${names.clinic ?? 'all'}`,
          `radiologist: ${names.reader ?? 'all'}`,
          `programme: ${s.programme ?? 'all'}`,
          `target ${d.targetMinutes} min`,
          `made ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
        ].join(' · '),
      ),
    );
  let panel = '';
  for (const [p, figure, breakdown, value] of dashboardRows(d).slice(1)) {
    if (SCREEN_ONLY.has(String(p))) continue;
    if (p !== panel) {
      panel = String(p);
      doc.moveDown(0.6);
      doc.font('Helvetica-Bold').fontSize(11).fillColor('black').text(text(panel));
      const y = doc.y + 1;
      doc
        .moveTo(MARGIN, y)
        .lineTo(MARGIN + width, y)
        .strokeColor(RULE)
        .lineWidth(0.5)
        .stroke();
      doc.moveDown(0.3);
    }
    const label = breakdown ? `${text(figure)} — ${text(breakdown)}` : text(figure);
    const y = doc.y;
    doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor('black')
      .text(label, MARGIN, y, {
        width: width * 0.75,
      });
    const after = doc.y;
    doc.text(text(value), MARGIN + width * 0.75, y, { width: width * 0.25, align: 'right' });
    doc.x = MARGIN;
    doc.y = Math.max(after, doc.y);
  }
  doc.end();
  return done;
}
