import type { ReadingStatus, StudyDetail, StudySearch, StudySummary } from '@telerad/contracts';
import type { ServiceContext } from '../../platform/context';
import { studyReadingStatuses } from '../worklist';
import type { StudyQuery } from './query';
import { searchStudies, studyDetail } from './service';

type StudyRow = Awaited<ReturnType<typeof searchStudies>>[number];

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The API shape of a study row, with its reading status (from the worklist, which owns it). */
export function toStudySummary(r: StudyRow, readingStatus: ReadingStatus | null): StudySummary {
  return {
    studyUid: r.study_uid,
    clinicId: r.clinic_id,
    clinicCode: r.clinic_code,
    clinicName: r.clinic_name,
    patientId: r.patient_id,
    patientName: r.patient_name,
    patientBirthDate: r.patient_birth_date,
    patientSex: r.patient_sex,
    studyDate: r.study_date,
    studyTime: r.study_time,
    accessionNumber: r.accession_number,
    studyDescription: r.study_description,
    modalities: r.modalities,
    numSeries: r.num_series,
    numInstances: r.num_instances,
    sizeBytes: r.size_bytes,
    firstReceivedAt: r.first_received_at.toISOString(),
    lastReceivedAt: r.last_received_at.toISOString(),
    stableAt: iso(r.stable_at),
    readingStatus,
  };
}

/** Study rows as the API shows them, their reading statuses read in one query. */
async function summaries(ctx: ServiceContext, rows: StudyRow[]): Promise<StudySummary[]> {
  const statuses = await studyReadingStatuses(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toStudySummary(r, statuses.get(r.id) ?? null));
}

/**
 * The browser's search: `q` matches a patient ID or accession number exactly, or a patient name
 * fuzzily; the specific fields use DICOM matching (wildcards).
 */
export async function browseStudies(
  ctx: ServiceContext,
  s: StudySearch,
): Promise<{ studies: StudySummary[]; hasMore: boolean }> {
  const base: StudyQuery = {
    patientId: s.patientId,
    patientName: s.patientName,
    fuzzyNames: true,
    accessionNumber: s.accessionNumber,
    studyDate: s.from || s.to ? { from: s.from, to: s.to } : undefined,
    modalities: s.modality ? [s.modality] : undefined,
    clinicId: s.clinicId,
    limit: s.limit + 1,
    offset: s.offset,
  };
  let rows: StudyRow[];
  if (s.q) {
    // Free text: the union of ID, accession and fuzzy name matches, de-duplicated.
    const [byId, byAcc, byName] = await Promise.all([
      searchStudies(ctx, { ...base, patientId: s.q }),
      searchStudies(ctx, { ...base, accessionNumber: s.q }),
      searchStudies(ctx, { ...base, patientName: s.q }),
    ]);
    const seen = new Set<string>();
    rows = [...byId, ...byAcc, ...byName].filter((r) => !seen.has(r.id) && seen.add(r.id));
  } else {
    rows = await searchStudies(ctx, base);
  }
  return { studies: await summaries(ctx, rows.slice(0, s.limit)), hasMore: rows.length > s.limit };
}

/** The study page: summary, series, instances and ingest history. */
export async function studyDetailView(ctx: ServiceContext, studyUid: string): Promise<StudyDetail> {
  const d = await studyDetail(ctx, studyUid);
  return {
    study: toStudySummary(
      d.study,
      (await studyReadingStatuses(ctx.db, [d.study.id])).get(d.study.id) ?? null,
    ),
    series: d.series.map((s) => ({
      seriesUid: s.series_uid,
      modality: s.modality,
      seriesNumber: s.series_number,
      seriesDescription: s.series_description,
      bodyPart: s.body_part,
      viewPosition: s.view_position,
      numInstances: s.num_instances,
    })),
    instances: d.instances.map((i) => ({
      sopUid: i.sop_uid,
      seriesUid: i.series_uid,
      sopClassUid: i.sop_class_uid,
      instanceNumber: i.instance_number,
      transferSyntaxUid: i.transfer_syntax_uid,
      rows: i.rows,
      columns: i.columns,
      bitsAllocated: i.bits_allocated,
      numberOfFrames: i.number_of_frames,
      sizeBytes: i.size_bytes,
      version: i.version,
      receivedAt: i.received_at.toISOString(),
    })),
    history: d.history.map((h) => ({
      id: String(h.id),
      at: h.at.toISOString(),
      door: h.door,
      callingAe: h.calling_ae,
      username: h.username,
      remoteAddress: h.remote_address,
      outcome: h.outcome as StudyDetail['history'][number]['outcome'],
      reason: h.reason,
      sopUid: h.sop_uid,
    })),
    flags: d.flags.map((f) => ({
      code: f.code as StudyDetail['flags'][number]['code'],
      detail: f.detail,
      count: f.count,
      firstAt: f.first_at.toISOString(),
      lastAt: f.last_at.toISOString(),
    })),
  };
}
