import type { ThreadDetail, ThreadList, ThreadListQuery, ThreadSummary } from '@telerad/contracts';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor, ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { can, clinicScope, inClinicScope } from '../auth';
import {
  channelId,
  ensureChannels,
  findThread,
  studyThreadId,
  threadMessages,
  threadReads,
  threadSummaries,
} from './repo';

/** Which side of the conversation the actor speaks for: their clinic, or the centre. */
export function sideOf(actor: Actor): 'clinic' | 'centre' {
  return clinicScope(actor) === 'all' ? 'centre' : 'clinic';
}

/** The signed-in caller; routes with a permission always have one. */
export function actorOf(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  return ctx.actor;
}

/**
 * A clinic's channel is for its staff and the centre's assistants (messages:channels); a reader
 * takes part in study threads only. Clinic scope itself is the scope check's, before this runs.
 */
export function assertThreadOpen(actor: Actor, thread: { study_id: string | null }): void {
  if (thread.study_id === null && !can(actor, 'messages:channels'))
    throw appError('MESSAGE_THREAD_NOT_YOURS');
}

/** The thread the scope check let through, or NOT_FOUND; refused when not the actor's to join. */
export async function openThread(ctx: ServiceContext, threadId: string) {
  const actor = actorOf(ctx);
  const thread = await findThread(ctx.db, threadId);
  if (!thread) throw appError('NOT_FOUND');
  assertThreadOpen(actor, thread);
  return { actor, thread };
}

/**
 * The threads that concern the actor, within their clinic scope: a clinic user's channels and
 * study threads; an assistant's, of the clinics they are assigned to (every clinic when they have
 * none); a reader's, the threads of studies they hold a reading task for.
 */
async function audience(db: Db, actor: Actor): Promise<Expression<SqlBool>> {
  const scoped = inClinicScope(clinicScope(actor), sql.ref('t.clinic_id'));
  if (!can(actor, 'messages:channels'))
    return sql<SqlBool>`${scoped} and t.study_id is not null and exists (
      select 1 from reading_tasks rt
       where rt.study_id = t.study_id and rt.assignee_id = ${actor.userId}::uuid)`;
  const assigned = await db
    .selectFrom('clinic_assistants')
    .select('clinic_id')
    .where('user_id', '=', actor.userId)
    .execute();
  if (assigned.length === 0) return scoped;
  return sql<SqlBool>`${scoped} and t.clinic_id = any(${assigned.map((a) => a.clinic_id)}::uuid[])`;
}

/** The clinics whose channels the actor sees in their list (created on first use). */
async function channelClinics(db: Db, actor: Actor): Promise<string[]> {
  if (!can(actor, 'messages:channels')) return [];
  const scope = clinicScope(actor);
  if (scope !== 'all') return [...scope];
  const assigned = await db
    .selectFrom('clinic_assistants')
    .select('clinic_id')
    .where('user_id', '=', actor.userId)
    .execute();
  return assigned.map((a) => a.clinic_id);
}

/**
 * The actor's threads, newest first: their channels always (empty ones too, so a clinic can
 * start a conversation), study threads once they have a message. With the total unread count.
 */
export async function listThreads(ctx: ServiceContext, q: ThreadListQuery): Promise<ThreadList> {
  const actor = actorOf(ctx);
  await ensureChannels(ctx.db, await channelClinics(ctx.db, actor));
  const base = await audience(ctx.db, actor);
  const kind =
    q.kind === 'channel'
      ? sql<SqlBool>`t.study_id is null`
      : q.kind === 'study'
        ? sql<SqlBool>`t.study_id is not null`
        : sql<SqlBool>`true`;
  const text = q.q
    ? sql<SqlBool>`(s.patient_name_norm ilike ${`%${q.q}%`} or s.patient_name ilike ${`%${q.q}%`}
        or s.patient_id ilike ${`%${q.q}%`} or c.name ilike ${`%${q.q}%`})`
    : sql<SqlBool>`true`;
  const clinic = q.clinicId ? sql<SqlBool>`t.clinic_id = ${q.clinicId}::uuid` : sql<SqlBool>`true`;
  const threads = await threadSummaries(
    ctx.db,
    actor.userId,
    sql<SqlBool>`${base} and ${kind} and ${text} and ${clinic}
      and (t.study_id is null or t.last_message_at is not null)`,
  );
  return { threads, unread: await unreadCount(ctx.db, actor) };
}

/** The actor's unread messages over every thread that concerns them (the navbar's badge). */
export async function unreadCount(db: Db, actor: Actor): Promise<number> {
  const base = await audience(db, actor);
  const { rows } = await sql<{ n: string }>`
    select count(*) as n
      from message_threads t
      left join message_reads r on r.thread_id = t.id and r.user_id = ${actor.userId}::uuid
      join messages m on m.thread_id = t.id
     where ${base}
       and m.author_id is distinct from ${actor.userId}::uuid
       and m.created_at > coalesce(r.read_at, '-infinity')`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** One thread's summary as the actor sees it. */
async function summaryOf(db: Db, actor: Actor, threadId: string): Promise<ThreadSummary> {
  const [summary] = await threadSummaries(db, actor.userId, sql<SqlBool>`t.id = ${threadId}::uuid`);
  if (!summary) throw appError('NOT_FOUND');
  return summary;
}

/** A thread with its messages and read marks. */
export async function threadDetail(ctx: ServiceContext, threadId: string): Promise<ThreadDetail> {
  const { actor } = await openThread(ctx, threadId);
  const [thread, messages, reads] = await Promise.all([
    summaryOf(ctx.db, actor, threadId),
    threadMessages(ctx.db, threadId),
    threadReads(ctx.db, threadId),
  ]);
  return { thread, messages, reads };
}

/** The clinic's channel (the scope check has placed the clinic in the caller's scope). */
export async function clinicChannel(ctx: ServiceContext, clinicId: string): Promise<ThreadSummary> {
  const actor = actorOf(ctx);
  const exists = await ctx.db
    .selectFrom('clinics')
    .select('id')
    .where('id', '=', clinicId)
    .executeTakeFirst();
  if (!exists) throw appError('NOT_FOUND');
  if (!can(actor, 'messages:channels')) throw appError('MESSAGE_THREAD_NOT_YOURS');
  return summaryOf(ctx.db, actor, await channelId(ctx.db, clinicId));
}

/** The study's thread (the scope check has placed the study in the caller's scope). */
export async function studyThread(ctx: ServiceContext, studyUid: string): Promise<ThreadSummary> {
  const actor = actorOf(ctx);
  const study = await ctx.db
    .selectFrom('studies')
    .select('id')
    .where('study_uid', '=', studyUid)
    .executeTakeFirst();
  const id = study ? await studyThreadId(ctx.db, study.id) : null;
  if (!id) throw appError('NOT_FOUND');
  return summaryOf(ctx.db, actor, id);
}
