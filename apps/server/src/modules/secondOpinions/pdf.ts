import type { ConsultNoteAddendum, SecondOpinion } from '@telerad/contracts';
import { formatPersonName } from '@telerad/dicom';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { winAnsi } from '../delivery';
import { secondOpinionById } from './requests';

const MARGIN = 48;
const GREY = '#555555';

/** A signature's name with its credentials. */
const signerOf = (s: ConsultNoteAddendum) =>
  s.signedByCredentials ? `${s.signedByName}, ${s.signedByCredentials}` : s.signedByName;

/** An ISO timestamp as `YYYY-MM-DD HH:MM`. */
const stamp = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** What the note's PDF names besides the note: the patient and the clinic. */
interface NoteHeading {
  patientName: string;
  patientId: string;
  clinicName: string;
}

/**
 * The signed consult note as a PDF (pdfkit, standard fonts as the report PDF uses). Its dates
 * are the note's own, so the same note always gives the same document.
 */
async function buildNotePdf(o: SecondOpinion, h: NoteHeading): Promise<Buffer> {
  const note = o.note!;
  const signedAt = new Date(note.signedAt);
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: {
      Title: winAnsi(`Second opinion — ${h.patientId}`),
      Author: winAnsi(note.signedByName),
      Subject: `Second opinion ${o.id}`,
      Creator: 'Telerad',
      Producer: 'Telerad',
      CreationDate: signedAt,
      ModDate: signedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const line = (label: string, value: string) => {
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .fillColor('black')
      .text(`${label}: `, { continued: true });
    doc.font('Helvetica').text(winAnsi(value));
  };
  doc.font('Helvetica-Bold').fontSize(16).text('Second opinion');
  doc.moveDown(0.5);
  line('Patient', `${h.patientName} (${h.patientId})`);
  line('Clinic', h.clinicName);
  line('Asked by', `${o.requesterName}, ${stamp(o.askedAt)} UTC`);
  doc.moveDown(0.8);
  doc.font('Helvetica-Bold').fontSize(11).text('Question');
  doc.font('Helvetica').fontSize(10).text(winAnsi(o.question));
  doc.moveDown(0.8);
  doc.font('Helvetica-Bold').fontSize(11).text("Consultant's note");
  doc.font('Helvetica').fontSize(10).text(winAnsi(note.text));
  doc.moveDown(0.3);
  doc
    .fontSize(9)
    .fillColor(GREY)
    .text(winAnsi(`Electronically signed by ${signerOf(note)} on ${stamp(note.signedAt)} UTC.`))
    .fillColor('black');
  for (const a of note.addenda) {
    doc.moveDown(0.8);
    doc
      .font('Helvetica-Bold')
      .fontSize(11)
      .text(`Addendum, ${stamp(a.signedAt)} UTC`);
    doc.font('Helvetica').fontSize(10).text(winAnsi(a.text));
    doc.moveDown(0.3);
    doc
      .fontSize(9)
      .fillColor(GREY)
      .text(winAnsi(`Electronically signed by ${signerOf(a)} on ${stamp(a.signedAt)} UTC.`))
      .fillColor('black');
  }
  doc.end();
  return done;
}

/** `GET /api/second-opinions/:id/note.pdf`: the signed note of an answered question. */
export async function consultNotePdf(
  ctx: ServiceContext,
  id: string,
): Promise<{ pdf: Buffer; fileName: string; clinicId: string }> {
  const o = await secondOpinionById(ctx, id);
  if (!o.note) throw appError('SECOND_OPINION_NOT_ANSWERED');
  const s = await ctx.db
    .selectFrom('second_opinions as o')
    .innerJoin('studies as s', 's.id', 'o.study_id')
    .innerJoin('clinics as c', 'c.id', 'o.clinic_id')
    .select(['s.patient_id', 's.patient_name', 'c.name as clinic_name', 'c.id as clinic_id'])
    .where('o.id', '=', id)
    .executeTakeFirstOrThrow();
  const pdf = await buildNotePdf(o, {
    patientName: formatPersonName(s.patient_name) || s.patient_id,
    patientId: s.patient_id,
    clinicName: s.clinic_name,
  });
  const safeId = s.patient_id.replace(/[^\w.-]+/g, '_') || 'patient';
  return { pdf, fileName: `second-opinion-${safeId}.pdf`, clinicId: s.clinic_id };
}
