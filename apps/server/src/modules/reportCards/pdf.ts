import { RADPEER_SCORES, type ReportCard } from '@telerad/contracts';
import {
  GREY,
  MARGIN,
  RULE,
  field,
  heading,
  paragraph,
  renderPdf,
  width,
  winAnsi,
  type Doc,
} from '../../platform/pdfLayout';
import { againstPeers, minutes, pct } from './wording';

/**
 * The report card as a PDF for the periodic review, on the centre's shared PDF layout: the
 * figures of the page, the weekly volume and RADPEER distribution as bars, and the funnel plot
 * of abnormal rates with the reader marked. `at` is when it was made (printed, and its dates).
 */
export function buildReportCardPdf(card: ReportCard, at: Date): Promise<Buffer> {
  return renderPdf(
    {
      Title: winAnsi(`Report card — ${card.reader.name}, ${card.period.from} to ${card.period.to}`),
      Subject: 'Radiologist performance report card',
      Creator: 'Telerad',
      Producer: 'Telerad',
      CreationDate: at,
      ModDate: at,
    },
    (doc) => layout(doc, card, at),
  );
}

function layout(doc: Doc, c: ReportCard, at: Date): void {
  doc.font('Helvetica-Bold').fontSize(15).fillColor('black').text('Radiologist report card');
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor(GREY)
    .text(winAnsi(`${c.reader.name} · ${c.period.from} to ${c.period.to}`))
    .text(`Made ${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`);

  heading(doc, 'Volume');
  field(doc, 'Reads signed and released', String(c.volume));
  bars(
    doc,
    c.weekly.map((w) => ({ label: w.week.slice(5), value: w.reads })),
    'Reads per week (week starting)',
  );

  heading(doc, 'Turnaround');
  const t = c.turnaround;
  field(doc, 'Median', minutes(t.median));
  field(doc, '90th percentile', minutes(t.p90));
  field(
    doc,
    'In service hours: median / 90th percentile',
    `${minutes(t.serviceMedian)} / ${minutes(t.serviceP90)}`,
  );
  field(doc, `Within ${t.targetMinutes} minutes`, pct(t.withinTarget));

  heading(doc, 'Peer review (RADPEER)');
  const pr = c.peerReview;
  field(doc, 'Reads scored', String(pr.scored));
  field(doc, 'Discrepancy rate (score 2 or 3)', pct(pr.discrepancyRate));
  field(doc, 'Significant (score 3 or any b)', pct(pr.significantRate));
  bars(
    doc,
    RADPEER_SCORES.map((s) => ({ label: s, value: pr.distribution[s] })),
    'Scores',
  );

  heading(doc, 'QC re-reads of clinic reads');
  const qc = c.qc;
  field(doc, 'Re-read', String(qc.reread));
  field(
    doc,
    'Concordant / minor / major discordance',
    `${qc.concordant} / ${qc.minor} / ${qc.major}`,
  );
  field(
    doc,
    'Discordance rate',
    `${pct(qc.discordanceRate)}; all re-readers ${pct(qc.pooledDiscordanceRate)}`,
  );

  heading(doc, 'Against all readers');
  field(doc, 'Consultation rate', againstPeers(c.consultation));
  field(doc, 'Abnormal rate', againstPeers(c.abnormal));
  funnel(doc, c);
  paragraph(
    doc,
    'Each dot is one reader in the period (unnamed); the lines are the 95 % and 99.8 % control limits around the pooled abnormal rate of all readers (Spiegelhalter 2005). The filled square is this reader.',
  );
}

/** A row of labelled bars, scaled to the largest value. */
function bars(doc: Doc, items: { label: string; value: number }[], title: string): void {
  const h = 60;
  if (doc.y + h + 40 > doc.page.height - MARGIN) doc.addPage();
  doc.moveDown(0.3).font('Helvetica').fontSize(8.5).fillColor(GREY).text(winAnsi(title));
  // Room above the tallest bar for its count.
  const top = doc.y + 12;
  const max = Math.max(1, ...items.map((i) => i.value));
  const slot = Math.min(40, width(doc) / Math.max(1, items.length));
  items.forEach((item, i) => {
    const x = MARGIN + i * slot;
    const bh = (item.value / max) * h;
    doc
      .rect(x + 2, top + h - bh, slot - 4, bh)
      .fillColor('#4a78b5')
      .fill();
    doc
      .fillColor('black')
      .fontSize(7)
      .text(String(item.value), x, top + h - bh - 9, { width: slot, align: 'center' })
      .text(winAnsi(item.label), x, top + h + 2, { width: slot, align: 'center' });
  });
  doc.x = MARGIN;
  doc.y = top + h + 14;
}

/** The funnel plot: volume across, abnormal rate up; limits as lines, readers as dots. */
function funnel(doc: Doc, c: ReportCard): void {
  const p0 = c.abnormal.pooledRate;
  if (p0 === null || c.peers.length === 0) return;
  const w = 300;
  const h = 150;
  if (doc.y + h + 30 > doc.page.height - MARGIN) doc.addPage();
  const left = MARGIN + 30;
  const top = doc.y + 8;
  const maxN = Math.max(...c.peers.map((p) => p.n), c.abnormal.n, 1);
  const maxRate = Math.min(1, Math.max(...c.peers.map((p) => p.rate), p0) * 1.3 + 0.02);
  const X = (n: number) => left + (n / maxN) * w;
  const Y = (r: number) => top + h - (r / maxRate) * h;
  doc.lineWidth(0.5).strokeColor(RULE).rect(left, top, w, h).stroke();
  // The limits the server placed the reader with (card.funnel, from qa/stats funnelLimits).
  for (const [key, dash] of [
    ['upper95', 3],
    ['lower95', 3],
    ['upper998', 1],
    ['lower998', 1],
  ] as const) {
    doc.dash(dash, { space: 2 });
    c.funnel.forEach((l, i) => {
      const at = [X(l.n), Y(Math.min(maxRate, l[key]))] as const;
      if (i === 0) doc.moveTo(...at);
      else doc.lineTo(...at);
    });
    doc.strokeColor(GREY).stroke().undash();
  }
  doc
    .moveTo(left, Y(p0))
    .lineTo(left + w, Y(p0))
    .strokeColor('black')
    .stroke();
  for (const p of c.peers) doc.circle(X(p.n), Y(p.rate), 2).fillColor('#8a8a8a').fill();
  if (c.abnormal.rate !== null)
    doc
      .rect(X(c.abnormal.n) - 3.5, Y(c.abnormal.rate) - 3.5, 7, 7)
      .fillColor('#c0392b')
      .fill();
  doc
    .fillColor('black')
    .fontSize(7)
    .text(pct(maxRate), MARGIN - 12, top - 3, { width: 40 })
    .text('0', MARGIN + 12, top + h - 4, { width: 15 })
    .text(`reads: ${maxN}`, left + w - 60, top + h + 3, { width: 60, align: 'right' });
  doc.x = MARGIN;
  doc.y = top + h + 16;
}
