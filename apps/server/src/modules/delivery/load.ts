import { buildReportView, findForm, ReportContent, type ReportView } from '@telerad/contracts';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { criticalOfReports } from '../critical';
import { taskCentreId } from '../worklist';

/** Who signed a version, with their credentials, and when. */
export interface Signature {
  name: string;
  credentials: string | null;
  at: Date;
}

/**
 * One released report version with everything an output needs (PDF, DICOM SR, FHIR, webhook):
 * the report laid out by its own form version, the study's identification, the clinic and the
 * reading centre. Outputs render this and nothing else, so they never disagree.
 */
export interface ReleasedReport {
  reportId: string;
  version: number;
  /** `signed`, `consultant_concur`, `consultant_amend` or `addendum`. */
  kind: string;
  /** The latest released version of the report (this one or a later one). */
  currentVersion: number;
  programme: string;
  content: ReportContent;
  view: ReportView;
  /** The form's result options in form order (the PDF prints them as tick boxes). */
  resultOptions: { id: string; label: string }[];
  /** The addendum text when this version is an addendum. */
  addendum: string | null;
  /** Who released this version (the signer, the consultant, or the addendum's author). */
  signer: Signature;
  /** The primary read's signature, when this version is by someone else. */
  originalSigner: Signature | null;
  releasedAt: Date;
  study: {
    id: string;
    uid: string;
    patientName: string | null;
    patientId: string;
    birthDate: string | null;
    sex: string | null;
    studyDate: string | null;
    studyTime: string | null;
    accessionNumber: string | null;
    studyId: string | null;
    description: string | null;
    referringPhysician: string | null;
    modalities: string[];
    numSeries: number;
    numInstances: number;
    /** Patient- and study-level DICOM JSON of the newest instance. */
    attributes: Record<string, unknown>;
  };
  clinic: { id: string; code: string; name: string; country: string };
  centre: { id: string; name: string; timeZone: string } | null;
  /**
   * The report's critical flag, when the reader flagged it: its category, the category's words
   * with the reader's note, and the note. The PDF shows it first and the SR carries it coded.
   */
  critical: { category: string; label: string; note: string | null } | null;
  /**
   * Released while the clinic was in pilot (onboarding): the PDF carries a PILOT band and the SR
   * a coded pilot item, so the clinic knows the report is second-read.
   */
  pilot: boolean;
}

interface Row {
  report_id: string;
  version: number;
  kind: string;
  current_version: number;
  pilot: boolean;
  programme: string;
  form_id: string;
  form_version: string;
  content: unknown;
  addendum: string | null;
  author_name: string;
  author_credentials: string | null;
  version_at: Date;
  signer_name: string | null;
  signer_credentials: string | null;
  signed_at: Date | null;
  study_id: string;
  study_uid: string;
  patient_name: string | null;
  patient_id: string;
  patient_birth_date: string | null;
  patient_sex: string | null;
  study_date: string | null;
  study_time: string | null;
  accession_number: string | null;
  dicom_study_id: string | null;
  study_description: string | null;
  referring_physician: string | null;
  modalities: string[];
  num_series: number;
  num_instances: number;
  attributes: Record<string, unknown>;
  clinic_id: string;
  clinic_code: string;
  clinic_name: string;
  clinic_country: string;
  centre_id: string | null;
  centre_name: string | null;
  centre_time_zone: string | null;
}

/**
 * Loads released version `version` of report `reportId`, or undefined when the report does not
 * exist or that version is not released (only versions up to `reports.current_version` are).
 * No clinic scope here: callers check it against `clinic.id`.
 */
export async function loadReleasedReport(
  db: Db,
  reportId: string,
  version: number,
): Promise<ReleasedReport | undefined> {
  // The reading centre is the one its read was routed to (the worklist knows it), else the
  // clinic's home centre.
  const read = await db
    .selectFrom('reports')
    .select('task_id')
    .where('id', '=', reportId)
    .executeTakeFirst();
  if (!read) return undefined;
  const readAt = await taskCentreId(db, read.task_id);
  const { rows } = await sql<Row>`
    select v.report_id, v.version, v.kind, r.current_version, r.programme, r.pilot,
      r.form_id, r.form_version, v.content, v.addendum, v.author_name, v.author_credentials,
      v.created_at as version_at, r.signer_name, r.signer_credentials, r.signed_at,
      s.id as study_id, s.study_uid, s.patient_name, s.patient_id,
      to_char(s.patient_birth_date, 'YYYY-MM-DD') as patient_birth_date, s.patient_sex,
      to_char(s.study_date, 'YYYY-MM-DD') as study_date, s.study_time, s.accession_number,
      s.study_id as dicom_study_id, s.study_description, s.referring_physician, s.modalities,
      s.num_series, s.num_instances, s.attributes,
      c.id as clinic_id, c.code as clinic_code, c.name as clinic_name,
      c.country as clinic_country,
      ce.id as centre_id, ce.name as centre_name, ce.time_zone as centre_time_zone
    from report_versions v
    join reports r on r.id = v.report_id
    join studies s on s.id = r.study_id
    join clinics c on c.id = r.clinic_id
    left join centres ce on ce.id = coalesce(${readAt}::uuid, c.home_centre_id)
    where v.report_id = ${reportId} and v.version = ${version}
      and v.version >= 1 and v.version <= r.current_version`.execute(db);
  const r = rows[0];
  if (!r) return undefined;
  const flagged = (await criticalOfReports(db, [reportId], { alertedOnly: false })).get(reportId);
  const content = ReportContent.parse(r.content);
  const form = findForm(r.form_id, r.form_version);
  if (!form)
    throw new Error(`report ${reportId} names unknown form ${r.form_id} ${r.form_version}`);
  const signer: Signature = {
    name: r.author_name,
    credentials: r.author_credentials,
    at: r.version_at,
  };
  const original: Signature | null =
    r.signer_name && r.signed_at
      ? { name: r.signer_name, credentials: r.signer_credentials, at: r.signed_at }
      : null;
  // A 'signed' version is the primary read's signature itself: naming its signer again as the
  // "primary read" printed the same person twice (its signed_at and the version's created_at
  // come from different clocks, so comparing times never matched).
  const sameAsOriginal =
    original !== null &&
    (r.kind === 'signed' ||
      (original.name === signer.name && original.at.getTime() === signer.at.getTime()));
  return {
    reportId: r.report_id,
    version: r.version,
    kind: r.kind,
    currentVersion: r.current_version,
    programme: r.programme,
    content,
    view: buildReportView(form, content),
    resultOptions: form.results.map((o) => ({ id: o.id, label: o.label })),
    addendum: r.addendum,
    signer,
    originalSigner: sameAsOriginal ? null : original,
    releasedAt: r.version_at,
    study: {
      id: r.study_id,
      uid: r.study_uid,
      patientName: r.patient_name,
      patientId: r.patient_id,
      birthDate: r.patient_birth_date,
      sex: r.patient_sex,
      studyDate: r.study_date,
      studyTime: r.study_time,
      accessionNumber: r.accession_number,
      studyId: r.dicom_study_id,
      description: r.study_description,
      referringPhysician: r.referring_physician,
      modalities: r.modalities,
      numSeries: r.num_series,
      numInstances: r.num_instances,
      attributes: r.attributes,
    },
    clinic: {
      id: r.clinic_id,
      code: r.clinic_code,
      name: r.clinic_name,
      country: r.clinic_country,
    },
    centre:
      r.centre_id && r.centre_name && r.centre_time_zone
        ? { id: r.centre_id, name: r.centre_name, timeZone: r.centre_time_zone }
        : null,
    critical: flagged
      ? { category: flagged.category, label: flagged.label, note: flagged.note }
      : null,
    pilot: r.pilot,
  };
}

/** The report's clinic and latest released version, or undefined when it has none. */
export async function releasedHead(
  db: Db,
  reportId: string,
): Promise<{ clinicId: string; currentVersion: number; studyUid: string } | undefined> {
  const { rows } = await sql<{ clinic_id: string; current_version: number; study_uid: string }>`
    select r.clinic_id, r.current_version, s.study_uid from reports r
    join studies s on s.id = r.study_id
    where r.id = ${reportId} and r.current_version >= 1`.execute(db);
  const r = rows[0];
  return r
    ? { clinicId: r.clinic_id, currentVersion: r.current_version, studyUid: r.study_uid }
    : undefined;
}
