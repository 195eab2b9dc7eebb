import type { CadResult, CadStateAt, CadVisibility } from '@telerad/contracts';
import type { Actor } from '../../platform/context';
import type { Db } from '../../platform/db';
import { can } from '../auth';
import { loadCadResults } from './latest';
import { cadProgrammes } from './programmes';
import { visibilityOf } from './visibility';

/**
 * Who is kept blind (docs/adr/0043): a reader, i.e. anyone who may write reports. QA, support
 * and administrators order and check the work; they never make a first impression to protect.
 */
export function isReader(actor: Actor | null): actor is Actor {
  return actor !== null && can(actor, 'report:write');
}

/** Each study's programme and that programme's CAD visibility, by study id. */
export async function studyVisibility(
  db: Db,
  studyIds: readonly string[],
): Promise<Map<string, { programme: string; visibility: CadVisibility }>> {
  const programmes = await cadProgrammes(db, studyIds);
  const visibility = await visibilityOf(db, [...programmes.values()]);
  const out = new Map<string, { programme: string; visibility: CadVisibility }>();
  for (const [studyId, programme] of programmes)
    out.set(studyId, { programme, visibility: visibility.get(programme)! });
  return out;
}

/**
 * The studies among `studyIds` whose CAD `actor` must not see yet: for a reader, those of a
 * blind-first programme on which they have recorded no preliminary choice (on any of the study's
 * reads). Empty for anyone who is not a reader. The worklist and the study's CAD answer both
 * ask this, so no door shows a reader a score the viewer would hide.
 */
export async function blindStudiesFor(
  db: Db,
  actor: Actor | null,
  studyIds: readonly string[],
): Promise<Set<string>> {
  const out = new Set<string>();
  if (!isReader(actor) || !studyIds.length) return out;
  const vis = await studyVisibility(db, studyIds);
  const blindFirst = [...vis].filter(([, v]) => v.visibility === 'blind_first').map(([s]) => s);
  if (!blindFirst.length) return out;
  const committed = await db
    .selectFrom('cad_preliminary_reads')
    .select('study_id')
    .where('study_id', 'in', blindFirst)
    .where('reader_id', '=', actor.userId)
    .execute();
  const seen = new Set(committed.map((r) => r.study_id));
  for (const s of blindFirst) if (!seen.has(s)) out.add(s);
  return out;
}

/** A stored CAD object a reader must not see yet, with where it sits in the archive. */
export interface BlindCadObject {
  sopUid: string;
  seriesUid: string;
  studyUid: string;
  /** How many instances its series has in all: a series of CAD objects alone is hidden whole. */
  seriesInstances: number;
}

/**
 * The CAD objects (heatmaps, SRs) of the studies `studyUids` that `actor` must not see yet: those
 * of the studies {@link blindStudiesFor} says they are blind on. DICOMweb asks this so a reader
 * cannot fetch through QIDO/WADO-RS the heatmap the viewer hides. Empty for anyone not a reader.
 */
export async function blindCadObjects(
  db: Db,
  actor: Actor | null,
  studyUids: readonly string[],
): Promise<BlindCadObject[]> {
  if (!isReader(actor) || !studyUids.length) return [];
  const rows = await db
    .selectFrom('cad_objects as o')
    .innerJoin('studies as s', 's.id', 'o.study_id')
    .innerJoin('instances as i', 'i.id', 'o.instance_id')
    .innerJoin('series as se', 'se.id', 'i.series_id')
    .select(['o.study_id', 'o.sop_instance_uid', 's.study_uid', 'se.series_uid'])
    .select('se.num_instances')
    .where('s.study_uid', 'in', [...new Set(studyUids)])
    .execute();
  if (!rows.length) return [];
  const blind = await blindStudiesFor(db, actor, [...new Set(rows.map((r) => r.study_id))]);
  return rows
    .filter((r) => blind.has(r.study_id))
    .map((r) => ({
      sopUid: r.sop_instance_uid,
      seriesUid: r.series_uid,
      studyUid: r.study_uid,
      seriesInstances: r.num_instances,
    }));
}

/**
 * The study's latest scored result received at or before `at`, banded by the thresholds in force
 * at `at`: what CAD showed then. Results and thresholds are never edited (docs/adr/0027), so
 * this answers the same later as it did at `at`.
 */
export async function cadResultAt(db: Db, studyId: string, at: Date): Promise<CadResult | null> {
  const results = await loadCadResults(db, { studyId }, at);
  return (
    results.find((r) => r.score !== null && new Date(r.receivedAt).getTime() <= at.getTime()) ??
    null
  );
}

/** A result as the CAD state recorded beside a choice (all null: no result yet). */
export function stateOf(r: CadResult | null): CadStateAt {
  return { resultId: r?.id ?? null, score: r?.score ?? null, band: r?.band ?? null };
}
