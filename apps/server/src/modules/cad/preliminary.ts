import type {
  CadPreliminary,
  CadShown,
  CadViewerAnswer,
  CadVisibility,
  ReaderChoice,
} from '@telerad/contracts';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { auditedTransaction } from '../../platform/audit';
import { cadResultAt, stateOf, studyVisibility } from './blindness';
import type { CadBand, CadResult } from '@telerad/contracts';

/** The read a viewer call is about: its study, clinic, claimant and state. */
interface ReadRow {
  id: string;
  study_id: string;
  clinic_id: string;
  assignee_id: string | null;
  state: string;
}

async function loadRead(db: Db, taskId: string): Promise<ReadRow> {
  const t = await db
    .selectFrom('reading_tasks')
    .select(['id', 'study_id', 'clinic_id', 'assignee_id', 'state'])
    .where('id', '=', taskId)
    .executeTakeFirst();
  if (!t) throw appError('NOT_FOUND', undefined, 'No such reading task.');
  return t;
}

async function preliminaryOf(db: Db, taskId: string): Promise<CadPreliminary | null> {
  const p = await db
    .selectFrom('cad_preliminary_reads')
    .selectAll()
    .where('task_id', '=', taskId)
    .executeTakeFirst();
  if (!p) return null;
  return {
    choice: p.choice as ReaderChoice,
    readerId: p.reader_id,
    recordedAt: p.recorded_at.toISOString(),
    visibility: p.visibility as CadVisibility,
    cad: { resultId: p.cad_result_id, score: p.score, band: p.band as CadBand | null },
  };
}

/** The scored image's size, for the labels' boxes and points (null when not indexed). */
async function imageSize(db: Db, r: CadResult, studyId: string) {
  let q = db
    .selectFrom('instances')
    .select(['rows', 'columns'])
    .where('study_id', '=', studyId)
    .where('current', '=', true)
    .where('rows', 'is not', null);
  q = r.sopInstanceUid
    ? q.where('sop_uid', '=', r.sopInstanceUid)
    : q.where('sop_uid', '!=', r.heatmapSopInstanceUid ?? '');
  const row = await q.orderBy('received_at').executeTakeFirst();
  return row?.rows && row.columns ? { columns: row.columns, rows: row.rows } : null;
}

/** Whether the heatmap object of a result has arrived in the study. */
async function heatmapArrived(db: Db, studyId: string, sopUid: string | null): Promise<boolean> {
  if (!sopUid) return false;
  const row = await db
    .selectFrom('instances')
    .select('id')
    .where('study_id', '=', studyId)
    .where('sop_uid', '=', sopUid)
    .where('current', '=', true)
    .executeTakeFirst();
  return row !== undefined;
}

async function shown(db: Db, taskId: string, studyId: string, now: Date): Promise<CadShown | null> {
  const r = await cadResultAt(db, studyId, now);
  if (!r || r.score === null || r.band === null) return null;
  const arrived = await heatmapArrived(db, studyId, r.heatmapSopInstanceUid);
  return {
    resultId: r.id,
    product: r.product,
    version: r.version,
    score: r.score,
    band: r.band,
    labels: r.labels,
    heatmapSopInstanceUid: r.heatmapSopInstanceUid,
    heatmapUrl: arrived ? `/api/tasks/${taskId}/cad/heatmap` : null,
    imageSize: await imageSize(db, r, studyId),
    receivedAt: r.receivedAt,
  };
}

/**
 * What the viewer may show of CAD for read `taskId` (docs/adr/0043). A blind-first programme's
 * read without a preliminary choice answers `blind` and nothing else: the gate is here, not in
 * the page. The caller checked the task's clinic scope.
 */
export async function cadForRead(
  ctx: ServiceContext,
  taskId: string,
  now: Date,
): Promise<{ answer: CadViewerAnswer; clinicId: string; studyId: string }> {
  const t = await loadRead(ctx.db, taskId);
  const vis = (await studyVisibility(ctx.db, [t.study_id])).get(t.study_id)!;
  const preliminary = await preliminaryOf(ctx.db, t.id);
  const base = { clinicId: t.clinic_id, studyId: t.study_id };
  if (vis.visibility === 'blind_first' && !preliminary)
    return { ...base, answer: { state: 'blind', visibility: 'blind_first' } };
  return {
    ...base,
    answer: {
      state: 'shown',
      visibility: vis.visibility,
      preliminary,
      result: await shown(ctx.db, t.id, t.study_id, now),
    },
  };
}

/**
 * Records the reader's first impression of the read they hold, once, with the CAD state at that
 * moment (the latest scored result and its band, or none yet), audited in its transaction; then
 * answers what the viewer may now show. A second choice is refused (409) and changes nothing:
 * the first impression is the one QA compares.
 */
export async function recordPreliminary(
  ctx: ServiceContext,
  taskId: string,
  choice: ReaderChoice,
  now: Date,
): Promise<CadViewerAnswer> {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  const actor = ctx.actor;
  const t = await loadRead(ctx.db, taskId);
  if (t.state === 'completed' || t.state === 'cancelled') throw appError('TASK_CLOSED');
  if (t.assignee_id !== actor.userId) throw appError('CAD_NOT_YOUR_READ');
  if (await preliminaryOf(ctx.db, t.id)) throw appError('CAD_PRELIMINARY_RECORDED');
  const vis = (await studyVisibility(ctx.db, [t.study_id])).get(t.study_id)!;
  const at = await cadResultAt(ctx.db, t.study_id, now);
  await auditedTransaction(
    ctx,
    async (trx) => {
      const row = await trx
        .insertInto('cad_preliminary_reads')
        .values({
          task_id: t.id,
          study_id: t.study_id,
          clinic_id: t.clinic_id,
          reader_id: actor.userId,
          choice,
          visibility: vis.visibility,
          cad_result_id: at?.id ?? null,
          score: at?.score ?? null,
          band: at?.band ?? null,
          recorded_at: now,
        })
        // Two clicks racing: the unique task_id keeps the first; the second is refused below.
        .onConflict((oc) => oc.column('task_id').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) throw appError('CAD_PRELIMINARY_RECORDED');
      return row.id;
    },
    (id) => ({
      resourceId: id,
      clinicId: t.clinic_id,
      details: {
        taskId: t.id,
        choice,
        programme: vis.programme,
        visibility: vis.visibility,
        cad: stateOf(at),
      },
    }),
  );
  return (await cadForRead(ctx, t.id, now)).answer;
}
