import type { ReleasedReport } from './load';
import {
  GREY,
  MARGIN,
  field,
  heading,
  paragraph,
  renderPdf,
  width,
  winAnsi,
  type Doc,
} from '../../platform/pdfLayout';
import { formatDicomDate, patientNameText, signatureText } from './text';

/** The standard-font text of `s` (see `platform/pdfLayout`). */
export { winAnsi };

/**
 * Renders the PDF of one released report version in the programme's layout (on the centre's
 * shared PDF layout, `platform/pdfLayout`); `keyImage` is a JPEG of the study. The document is
 * deterministic for a given version (its dates are the signing time), so the copy sent by DICOM
 * and the one downloaded from the portal are the same bytes.
 */
export async function buildReportPdf(r: ReleasedReport, keyImage?: Buffer): Promise<Buffer> {
  return renderPdf(
    {
      Title: winAnsi(`${r.view.formTitle} — ${r.clinic.code} ${r.study.patientId}`),
      Author: winAnsi(r.signer.name),
      Subject: `Report ${r.reportId} version ${r.version}`,
      Creator: 'Telerad',
      Producer: 'Telerad',
      CreationDate: r.signer.at,
      ModDate: r.signer.at,
    },
    (doc) => layout(doc, r, keyImage),
  );
}

/** A tick box with its label: the form's result options, as the paper form prints them. */
function tickBox(doc: Doc, x: number, y: number, label: string, ticked: boolean): number {
  doc.lineWidth(0.8).strokeColor('black').rect(x, y, 9, 9).stroke();
  if (ticked)
    doc
      .moveTo(x + 1.5, y + 1.5)
      .lineTo(x + 7.5, y + 7.5)
      .moveTo(x + 7.5, y + 1.5)
      .lineTo(x + 1.5, y + 7.5)
      .stroke();
  doc
    .font(ticked ? 'Helvetica-Bold' : 'Helvetica')
    .fontSize(9.5)
    .text(winAnsi(label), x + 13, y, { lineBreak: false });
  return x + 13 + doc.widthOfString(winAnsi(label)) + 18;
}

function header(doc: Doc, r: ReleasedReport): void {
  doc
    .font('Helvetica-Bold')
    .fontSize(15)
    .text(winAnsi(r.view.formTitle), { width: width(doc) });
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor(GREY)
    .text(winAnsi(`Form ${r.view.formId} version ${r.view.formVersion} — ${r.view.formSource}`));
  doc.moveDown(0.4);
  const top = doc.y;
  const half = width(doc) / 2 - 8;
  doc.fillColor('black').font('Helvetica-Bold').fontSize(9.5).text('Clinic', MARGIN, top);
  doc
    .font('Helvetica')
    .text(winAnsi(`${r.clinic.name} (${r.clinic.code}), ${r.clinic.country}`), { width: half });
  const leftEnd = doc.y;
  doc
    .font('Helvetica-Bold')
    .text('Reading centre', MARGIN + half + 16, top, { width: half })
    .font('Helvetica')
    .text(
      winAnsi(r.centre ? `${r.centre.name} (${r.centre.timeZone})` : 'Telerad reading centre'),
      { width: half },
    );
  doc.x = MARGIN;
  doc.y = Math.max(leftEnd, doc.y);
}

const ALERT_RED = '#c92a2a';
const PILOT_AMBER = '#e8590c';

/**
 * The critical flag, first under the header: a red band the eye lands on, saying what was found
 * and what the clinic must do, before anything else on the page.
 */
function criticalBanner(doc: Doc, c: NonNullable<ReleasedReport['critical']>): void {
  band(
    doc,
    ALERT_RED,
    'CRITICAL RESULT — ACT NOW',
    winAnsi(
      `${c.label}. This patient needs care at once: contact the patient, and acknowledge this result in Telerad so the centre knows the clinic has it.`,
    ),
  );
}

/**
 * The pilot mark, under the header: the clinic is in its pilot, so this report is also read by
 * a second radiologist, and an addendum follows if that read changes it.
 */
function pilotBanner(doc: Doc): void {
  band(
    doc,
    PILOT_AMBER,
    'PILOT — SECOND READ PENDING',
    'Your clinic is in its pilot period: a second radiologist also reads this study. If the second read changes the result, you receive an addendum.',
  );
}

/** A full-width coloured band with a bold title and a line of what to do. */
function band(doc: Doc, colour: string, title: string, body: string): void {
  doc.moveDown(0.6);
  const top = doc.y;
  const pad = 8;
  const inner = width(doc) - 2 * pad;
  doc.font('Helvetica-Bold').fontSize(13);
  const titleHeight = doc.heightOfString(title, { width: inner });
  doc.font('Helvetica-Bold').fontSize(10);
  const bodyHeight = doc.heightOfString(body, { width: inner });
  const height = pad + titleHeight + 4 + bodyHeight + pad;
  doc.rect(MARGIN, top, width(doc), height).fill(colour);
  doc
    .fillColor('white')
    .font('Helvetica-Bold')
    .fontSize(13)
    .text(title, MARGIN + pad, top + pad, { width: inner });
  doc
    .font('Helvetica-Bold')
    .fontSize(10)
    .text(body, MARGIN + pad, doc.y + 4, { width: inner });
  doc.fillColor('black');
  doc.x = MARGIN;
  doc.y = top + height;
}

function identification(doc: Doc, r: ReleasedReport): void {
  heading(doc, 'Patient and study');
  const s = r.study;
  field(doc, 'Patient', patientNameText(s.patientName));
  field(doc, 'Patient ID', s.patientId);
  field(
    doc,
    'Birth date / sex',
    `${formatDicomDate(s.birthDate) ?? '—'} / ${s.sex?.trim() || '—'}`,
  );
  field(
    doc,
    'Study date',
    [formatDicomDate(s.studyDate), s.description].filter(Boolean).join(' — '),
  );
  field(doc, 'Accession number', s.accessionNumber);
  field(doc, 'Study Instance UID', s.uid);
}

function result(doc: Doc, r: ReleasedReport, options: { id: string; label: string }[]): void {
  const v = r.view;
  heading(doc, v.resultLabel);
  if (options.length) {
    const y = doc.y;
    let x = MARGIN;
    for (const o of options) x = tickBox(doc, x, y, o.label, v.result === o.label);
    doc.x = MARGIN;
    doc.y = y + 14;
  } else field(doc, 'Result', v.result);
  if (v.notTaken) field(doc, 'X-ray not taken', v.notTaken);
  if (v.classHint) field(doc, 'TB classification hint', v.classHint);
}

function findings(doc: Doc, r: ReleasedReport): void {
  heading(doc, 'Findings');
  if (!r.view.groups.length) {
    paragraph(doc, 'No findings recorded.');
    return;
  }
  for (const g of r.view.groups) {
    doc
      .font('Helvetica-Bold')
      .fontSize(9.5)
      .text(winAnsi(g.label), { width: width(doc) });
    for (const f of g.findings) {
      const where = f.location ? ` — ${f.location}` : '';
      const note = f.note ? ` (${f.note})` : '';
      doc.font('Helvetica').text(winAnsi(`•  ${f.label}${where}${note}`), MARGIN + 10, doc.y, {
        width: width(doc) - 10,
      });
    }
    doc.x = MARGIN;
    doc.moveDown(0.3);
  }
}

function assessment(doc: Doc, r: ReleasedReport): void {
  const v = r.view;
  heading(doc, 'Assessment');
  field(doc, 'Image quality', v.quality);
  field(doc, 'Comparison with prior', v.comparison);
  field(doc, 'Recommendations', v.recommendations.join('; ') || 'None');
  doc.moveDown(0.3);
  doc.font('Helvetica-Bold').fontSize(9.5).text('Impression');
  paragraph(doc, v.impression || '—');
  if (v.remarks) {
    doc.moveDown(0.3);
    doc.font('Helvetica-Bold').fontSize(9.5).text('Remarks');
    paragraph(doc, v.remarks);
  }
}

function keyImageBlock(doc: Doc, jpeg: Buffer): void {
  heading(doc, 'Key image');
  const box = 230;
  if (doc.y + box > doc.page.height - MARGIN - 60) doc.addPage();
  const y = doc.y;
  doc.image(jpeg, MARGIN, y, { fit: [box, box] });
  doc.y = y + box + 4;
  doc.x = MARGIN;
}

function signature(doc: Doc, r: ReleasedReport): void {
  heading(doc, r.kind === 'addendum' ? `Addendum — version ${r.version}` : 'Signature');
  if (r.kind === 'addendum' && r.addendum) {
    paragraph(doc, r.addendum);
    doc.moveDown(0.3);
  }
  const by =
    r.kind === 'addendum'
      ? 'Addendum by'
      : r.kind === 'signed'
        ? 'Signed by'
        : 'Reviewed and released by';
  field(doc, by, signatureText(r.signer));
  if (r.originalSigner) field(doc, 'Primary read signed by', signatureText(r.originalSigner));
  field(
    doc,
    'Report',
    `${r.reportId}, version ${r.version}${r.version > 1 ? ' (amended: supersedes earlier versions)' : ''}`,
  );
}

function layout(doc: Doc, r: ReleasedReport, keyImage?: Buffer): void {
  header(doc, r);
  if (r.critical) criticalBanner(doc, r.critical);
  if (r.pilot) pilotBanner(doc);
  identification(doc, r);
  result(doc, r, r.resultOptions);
  findings(doc, r);
  assessment(doc, r);
  if (keyImage) keyImageBlock(doc, keyImage);
  signature(doc, r);
}
