import {
  QC_AGREEMENT_LABELS,
  QC_CATEGORIES,
  QC_CATEGORY_LABELS,
  type QcFeedback,
} from '@telerad/contracts';
import { winAnsi } from '../delivery';

const MARGIN = 48;
const GREY = '#555555';

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/**
 * What a kappa means to a clinic, on the Landis and Koch (1977) bands that agreement studies of
 * chest X-ray reading quote.
 */
export function kappaWords(kappa: number | null): string {
  if (kappa === null) return 'not enough variety in the reads to compute';
  if (kappa < 0) return 'poor';
  if (kappa <= 0.2) return 'slight';
  if (kappa <= 0.4) return 'fair';
  if (kappa <= 0.6) return 'moderate';
  if (kappa <= 0.8) return 'substantial';
  return 'almost perfect';
}

/**
 * The clinic's QC feedback report: the period, the agreement figures and Cohen's kappa, the
 * agreement table, and every discordant case with both reads' impressions. pdfkit with the
 * standard fonts, loaded on first use (as the report PDF is).
 */
export async function buildFeedbackPdf(f: QcFeedback, now = new Date()): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const s = f.summary;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: {
      Title: winAnsi(`QC feedback — ${s.clinicCode} ${f.from} to ${f.to}`),
      Creator: 'Telerad',
      Producer: 'Telerad',
      CreationDate: now,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const text = (t: string, o: { bold?: boolean; size?: number; grey?: boolean } = {}) =>
    doc
      .font(o.bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(o.size ?? 10)
      .fillColor(o.grey ? GREY : 'black')
      .text(winAnsi(t), { width });

  text('Quality feedback: your reads checked by the reading centre', { bold: true, size: 15 });
  text(`${s.clinicName} (${s.clinicCode}) — ${f.from} to ${f.to}`, { grey: true });
  doc.moveDown();
  text('Summary', { bold: true, size: 12 });
  text(`Reads checked: ${s.n}`);
  if (s.n > 0) {
    text(`Agreed: ${s.concordant} (${pct(s.concordant / s.n)})`);
    text(`Minor differences: ${s.minor} (${pct(s.minor / s.n)})`);
    text(`Major differences (normal against suggestive of TB): ${s.major} (${pct(s.major / s.n)})`);
    text(
      `Cohen's kappa: ${s.kappa === null ? '—' : s.kappa.toFixed(2)} (${kappaWords(s.kappa)}); observed agreement ${pct(s.observed)}, expected by chance ${pct(s.expected)}.`,
    );
  }
  doc.moveDown();
  text('Agreement table (rows: your read; columns: the centre’s)', { bold: true, size: 12 });
  const col = width / (QC_CATEGORIES.length + 1);
  const row = (cells: string[], bold: boolean) => {
    const y = doc.y;
    cells.forEach((c, i) =>
      doc
        .font(bold || i === 0 ? 'Helvetica-Bold' : 'Helvetica')
        .fontSize(9)
        .fillColor('black')
        .text(winAnsi(c), MARGIN + i * col, y, { width: col - 4 }),
    );
    doc.x = MARGIN;
    doc.moveDown(0.4);
  };
  row(['', ...QC_CATEGORIES.map((c) => QC_CATEGORY_LABELS[c])], true);
  QC_CATEGORIES.forEach((c, i) =>
    row([QC_CATEGORY_LABELS[c], ...s.table[i]!.map((n) => String(n))], false),
  );
  doc.moveDown();
  const differing = f.cases.filter((c) => c.centre && c.centre.agreement !== 'concordant');
  text('Reads where the centre differs', { bold: true, size: 12 });
  if (differing.length === 0) text('None in this period.', { grey: true });
  for (const c of differing) {
    doc.moveDown(0.5);
    text(`${c.patientName} (${c.patientId}) — ${QC_AGREEMENT_LABELS[c.centre!.agreement]}`, {
      bold: true,
    });
    text(`Your read (${c.readerName}): ${QC_CATEGORY_LABELS[c.category]}. ${c.content.impression}`);
    text(`Centre: ${QC_CATEGORY_LABELS[c.centre!.category]}. ${c.centre!.content.impression}`);
  }
  doc.end();
  return done;
}
