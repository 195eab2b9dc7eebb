import type { TeachingFlag, TeachingFlagBody, TeachingFlagStatus } from '@telerad/contracts';
import { sql } from 'kysely';
import { auditedTransaction } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { getStudy } from '../archive';

function actorOf(ctx: ServiceContext) {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  return ctx.actor;
}

/**
 * A reader flags a study as a teaching case, with a short note (`POST /api/teaching/flags`).
 * Flagging the same study again changes the note. The study is found through the archive's
 * clinic-scoped look-up, and the flag keeps its clinic for the scope check.
 */
export async function flagCase(ctx: ServiceContext, body: TeachingFlagBody): Promise<string> {
  const actor = actorOf(ctx);
  const study = await getStudy(ctx, body.studyUid);
  return auditedTransaction(
    ctx,
    async (trx) => {
      const row = await trx
        .insertInto('teaching_flags')
        .values({
          study_id: study.id,
          clinic_id: study.clinic_id,
          flagged_by: actor.userId,
          note: body.note,
        })
        .onConflict((oc) => oc.columns(['study_id', 'flagged_by']).doUpdateSet({ note: body.note }))
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    (id) => ({ resourceId: id, clinicId: study.clinic_id, details: { studyUid: body.studyUid } }),
  );
}

/** Whether the caller has flagged a study, and their note (the reading screen's button). */
export async function flagStatus(
  ctx: ServiceContext,
  studyUid: string,
): Promise<TeachingFlagStatus> {
  const actor = actorOf(ctx);
  const study = await getStudy(ctx, studyUid);
  const row = await ctx.db
    .selectFrom('teaching_flags')
    .select('note')
    .where('study_id', '=', study.id)
    .where('flagged_by', '=', actor.userId)
    .executeTakeFirst();
  return { flagged: !!row, note: row?.note ?? '' };
}

function flagQuery(db: Db) {
  return db
    .selectFrom('teaching_flags as f')
    .innerJoin('studies as s', 's.id', 'f.study_id')
    .innerJoin('users as u', 'u.id', 'f.flagged_by')
    .select([
      'f.id',
      'f.note',
      'f.flagged_at',
      'u.display_name',
      's.study_date',
      's.study_description',
      sql<number>`(select count(*)::int from teaching_cases c where c.flag_id = f.id)`.as(
        'sessions',
      ),
    ]);
}

type FlagRow = Awaited<ReturnType<ReturnType<typeof flagQuery>['execute']>>[number];

const toFlag = (r: FlagRow): TeachingFlag => ({
  id: r.id,
  note: r.note,
  flaggedAt: r.flagged_at.toISOString(),
  flaggedBy: r.display_name,
  studyDate: r.study_date,
  studyDescription: r.study_description,
  sessions: r.sessions,
});

/**
 * Flagged cases, newest first, for QA's session builder: the reader's note, who flagged it, and
 * the study's date and description. Never the patient or the clinic: QA builds sessions from
 * what the readers found interesting, and the attendees see only the de-identified copies.
 */
export async function listFlags(db: Db): Promise<TeachingFlag[]> {
  const rows = await flagQuery(db).orderBy('f.flagged_at', 'desc').limit(500).execute();
  return rows.map(toFlag);
}

/** One flag, as {@link listFlags} shows it. */
export async function loadFlag(db: Db, id: string): Promise<TeachingFlag> {
  const row = await flagQuery(db).where('f.id', '=', id).executeTakeFirst();
  if (!row) throw appError('NOT_FOUND');
  return toFlag(row);
}
