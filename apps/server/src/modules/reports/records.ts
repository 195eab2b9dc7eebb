import {
  buildReportView,
  findForm,
  ReportContent,
  ViewerAnnotation,
  type ConsultationRule,
  type MatchedRule,
  type ReportRecord,
  type ReportState,
  type ReportVersion,
  type ReportVersionKind,
  type RetakeRequest,
} from '@telerad/contracts';
import { z } from 'zod';
import type { Db } from '../../platform/db';
import { loadRetakeRequests } from '../retakes';

/** The report row with its study and clinic, as every read and write loads it. */
export function reportRows(db: Db) {
  return db
    .selectFrom('reports as r')
    .innerJoin('studies as s', 's.id', 'r.study_id')
    .innerJoin('clinics as c', 'c.id', 'r.clinic_id')
    .select([
      'r.id',
      'r.task_id',
      'r.study_id',
      'r.clinic_id',
      'r.programme',
      'r.form_id',
      'r.form_version',
      'r.state',
      'r.content',
      'r.annotations',
      'r.revision',
      'r.author_id',
      'r.signed_by',
      'r.signed_at',
      'r.signer_name',
      'r.signer_credentials',
      'r.released_at',
      'r.current_version',
      'r.matched_rules',
      'r.pilot',
      'r.created_at',
      'r.updated_at',
      's.study_uid',
      's.patient_name',
      's.patient_id',
      's.study_date',
      'c.code as clinic_code',
      'c.name as clinic_name',
    ]);
}

/** One loaded report row. */
export type ReportRow = Awaited<ReturnType<ReturnType<typeof reportRows>['execute']>>[number];

const Annotations = z.array(ViewerAnnotation);

/** Stored content, parsed (defaults filled) so answers always match the contract. */
export const parseContent = (v: unknown): ReportContent => ReportContent.parse(v);
export const parseAnnotations = (v: unknown): ViewerAnnotation[] => {
  const r = Annotations.safeParse(v);
  return r.success ? r.data : [];
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Names the matched rule ids with the rules in force (an id no longer there keeps its id). A
 * CAD rule that held the report also says what it saw (`cadHold`), for the reader and the
 * consultant.
 */
export function namedRules(
  ids: readonly string[],
  rules: readonly ConsultationRule[],
  cadHold: { ruleId: string; words: string } | null = null,
): MatchedRule[] {
  return ids.map((id) => {
    const name = rules.find((r) => r.id === id)?.name ?? id;
    return { id, name: cadHold?.ruleId === id ? `${name}: ${cadHold.words}` : name };
  });
}

/** The API record of a report row. */
export function toRecord(
  r: ReportRow,
  extra: {
    rules: readonly ConsultationRule[];
    /** What a CAD rule saw when it held the report (staff views only). */
    cadHold?: { ruleId: string; words: string } | null;
    versions?: ReportVersion[];
    retake?: RetakeRequest | null;
  },
): ReportRecord {
  return {
    id: r.id,
    pilot: r.pilot,
    taskId: r.task_id,
    studyId: r.study_id,
    studyUid: r.study_uid,
    clinicId: r.clinic_id,
    clinicCode: r.clinic_code,
    clinicName: r.clinic_name,
    patientName: r.patient_name,
    patientId: r.patient_id,
    studyDate: r.study_date,
    programme: r.programme,
    formId: r.form_id,
    formVersion: r.form_version,
    state: r.state as ReportState,
    content: parseContent(r.content),
    annotations: parseAnnotations(r.annotations),
    revision: r.revision,
    authorId: r.author_id,
    signedBy: r.signed_by,
    signedAt: iso(r.signed_at),
    signerName: r.signer_name,
    signerCredentials: r.signer_credentials,
    releasedAt: iso(r.released_at),
    currentVersion: r.current_version,
    matchedRules: namedRules(r.matched_rules, extra.rules, extra.cadHold),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    ...(extra.versions ? { versions: extra.versions } : {}),
    ...(extra.retake !== undefined ? { retake: extra.retake } : {}),
  };
}

/**
 * The versions of some reports, oldest first, with their render-ready views. `releasedOnly`
 * keeps versions up to each report's `current_version` (what a clinic may see).
 */
export async function loadVersions(
  db: Db,
  reportIds: readonly string[],
  releasedOnly: boolean,
): Promise<Map<string, ReportVersion[]>> {
  const out = new Map<string, ReportVersion[]>();
  if (reportIds.length === 0) return out;
  let q = db
    .selectFrom('report_versions as v')
    .innerJoin('reports as r', 'r.id', 'v.report_id')
    .select([
      'v.report_id',
      'v.version',
      'v.kind',
      'v.content',
      'v.annotations',
      'v.addendum',
      'v.comment',
      'v.author_name',
      'v.author_credentials',
      'v.created_at',
    ])
    .where('v.report_id', 'in', [...reportIds])
    .orderBy('v.report_id')
    .orderBy('v.version');
  if (releasedOnly) q = q.whereRef('v.version', '<=', 'r.current_version');
  for (const v of await q.execute()) {
    const content = parseContent(v.content);
    const form = findForm(content.formId, content.formVersion);
    if (!form) throw new Error(`report ${v.report_id} names unknown form ${content.formId}`);
    const list = out.get(v.report_id) ?? [];
    list.push({
      version: v.version,
      kind: v.kind as ReportVersionKind,
      content,
      annotations: parseAnnotations(v.annotations),
      addendum: v.addendum,
      comment: v.comment,
      authorName: v.author_name,
      authorCredentials: v.author_credentials,
      createdAt: v.created_at.toISOString(),
      view: buildReportView(form, content),
    });
    out.set(v.report_id, list);
  }
  return out;
}

/** Retake requests of some studies or reports, newest first, as the clinic sees them. */
export const loadRetakes = loadRetakeRequests;
