import type {
  NewTeachingSessionBody,
  TeachingSession,
  TeachingSessionSummary,
} from '@telerad/contracts';
import { sql } from 'kysely';
import { auditedTransaction } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import type { ObjectStorage } from '../../platform/storage';
import { copyStudy, type CaseCopy } from './copies';

function actorOf(ctx: ServiceContext) {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  return ctx.actor;
}

/**
 * QA builds a teaching session (`POST /api/teaching/sessions`): each chosen flag's study is
 * copied de-identified (copies.ts) before anything is written, then the session, its cases in
 * the order given and their objects commit with the audit event. A copy's objects are already
 * durable when their rows commit; a session that fails leaves only unreferenced objects.
 */
export async function createSession(
  ctx: ServiceContext,
  storage: ObjectStorage,
  body: NewTeachingSessionBody,
): Promise<string> {
  const actor = actorOf(ctx);
  const flagIds = body.cases.map((c) => c.flagId);
  if (new Set(flagIds).size !== flagIds.length)
    throw appError('VALIDATION_FAILED', [{ path: 'cases', message: 'a case is chosen twice' }]);
  const flags = await ctx.db
    .selectFrom('teaching_flags as f')
    .innerJoin('studies as s', 's.id', 'f.study_id')
    .select(['f.id', 's.study_uid'])
    .where('f.id', 'in', flagIds)
    .execute();
  if (flags.length !== flagIds.length) throw appError('UNKNOWN_REFERENCE');
  const studyOf = new Map(flags.map((f) => [f.id, f.study_uid]));
  const copies: CaseCopy[] = [];
  for (const [i, c] of body.cases.entries()) {
    const n = i + 1;
    copies.push(
      await copyStudy(ctx, storage, studyOf.get(c.flagId)!, {
        patientName: `TEACHING^CASE ${n}`,
        patientId: `TEACHING-${n}`,
      }),
    );
  }
  return auditedTransaction(
    ctx,
    async (trx) => {
      const session = await trx
        .insertInto('teaching_sessions')
        .values({ title: body.title, held_on: body.heldOn, created_by: actor.userId })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [i, c] of body.cases.entries()) {
        const copy = copies[i]!;
        const row = await trx
          .insertInto('teaching_cases')
          .values({
            session_id: session.id,
            flag_id: c.flagId,
            position: i + 1,
            note: c.note,
            study_uid: copy.studyUid,
            withheld_burned_in: copy.withheldBurnedIn,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('teaching_instances')
          .values(
            copy.objects.map((o) => ({
              case_id: row.id,
              series_uid: o.seriesUid,
              sop_uid: o.sopUid,
              transfer_syntax_uid: o.transferSyntaxUid,
              storage_key: o.storageKey,
              size_bytes: o.sizeBytes,
              rows: o.rows,
              columns: o.columns,
              bits_allocated: o.bitsAllocated,
              number_of_frames: o.numberOfFrames,
              series_number: o.seriesNumber,
              instance_number: o.instanceNumber,
              metadata: JSON.stringify(o.metadata),
            })),
          )
          .execute();
      }
      return session.id;
    },
    // A session is de-identified: it belongs to no clinic.
    (id) => ({
      resourceId: id,
      clinicId: null,
      details: {
        cases: body.cases.length,
        withheldBurnedIn: copies.reduce((n, c) => n + c.withheldBurnedIn, 0),
      },
    }),
  );
}

const summaryQuery = (db: Db) =>
  db
    .selectFrom('teaching_sessions as t')
    .innerJoin('users as u', 'u.id', 't.created_by')
    .select([
      't.id',
      't.title',
      't.held_on',
      'u.display_name',
      sql<number>`(select count(*)::int from teaching_cases c where c.session_id = t.id)`.as(
        'cases',
      ),
    ]);

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['execute']>>[number];

const toSummary = (r: SummaryRow): TeachingSessionSummary => ({
  id: r.id,
  title: r.title,
  heldOn: r.held_on,
  createdBy: r.display_name,
  cases: r.cases,
});

/** Teaching sessions, the most recent day first. */
export async function listSessions(db: Db): Promise<TeachingSessionSummary[]> {
  const rows = await summaryQuery(db)
    .orderBy('t.held_on', 'desc')
    .orderBy('t.created_at', 'desc')
    .limit(200)
    .execute();
  return rows.map(toSummary);
}

/** One session with its cases in order (no original study, patient or clinic). */
export async function loadSession(db: Db, id: string): Promise<TeachingSession> {
  const row = await summaryQuery(db).where('t.id', '=', id).executeTakeFirst();
  if (!row) throw appError('NOT_FOUND');
  const cases = await db
    .selectFrom('teaching_cases as c')
    .select([
      'c.id',
      'c.position',
      'c.note',
      'c.study_uid',
      'c.withheld_burned_in',
      sql<number>`(select count(*)::int from teaching_instances i where i.case_id = c.id)`.as(
        'images',
      ),
    ])
    .where('c.session_id', '=', id)
    .orderBy('c.position')
    .execute();
  return {
    ...toSummary(row),
    caseList: cases.map((c) => ({
      id: c.id,
      position: c.position,
      note: c.note,
      studyUid: c.study_uid,
      images: c.images,
      withheldBurnedIn: c.withheld_burned_in,
    })),
  };
}
