import {
  SOP_OWNER_ROLES,
  type SopFormat,
  type SopListQuery,
  type SopPendingAnswer,
  type SopStatus,
  type SopSummary,
  type SopVersion,
} from '@telerad/contracts';
import { sql } from 'kysely';
import type { Actor } from '../../platform/context';
import type { Db } from '../../platform/db';
import { dayOf, managesSops } from './audience';

type Role = SopSummary['roles'][number];

/** Where a version stands on `today`: not yet in force, past its review date, or current. */
export function statusOf(
  v: { effective_on: string; review_due_on: string },
  today: string,
): SopStatus {
  if (v.effective_on > today) return 'upcoming';
  if (v.review_due_on <= today) return 'review_due';
  return 'current';
}

/** The reference staff quote. */
export const refOf = (ref: string | number): string => `SOP-${ref}`;

const overlaps = (roles: readonly string[]) =>
  sql<boolean>`v.roles && ${sql.val([...roles])}::text[]`;

/** Each document with its newest version (the one not superseded). */
function newest(db: Db) {
  return db
    .selectFrom('sop_documents as d')
    .innerJoin('sop_versions as v', (j) =>
      j.onRef('v.document_id', '=', 'd.id').on('v.superseded_at', 'is', null),
    )
    .innerJoin('users as o', 'o.id', 'd.owner_id');
}

/**
 * The library (`GET /api/sops`): documents whose newest version is for one of the caller's roles
 * (every document for QA and admin), found by words of the title or its reference, one role, one
 * status; review-due first, then by title. QA also sees how many acknowledged the newest version.
 */
export async function listSops(
  db: Db,
  actor: Actor,
  query: SopListQuery,
  now: Date = new Date(),
): Promise<SopSummary[]> {
  const today = dayOf(now);
  const manager = managesSops(actor);
  let q = newest(db).select([
    'd.id',
    'd.ref',
    'd.title',
    'o.display_name as owner_name',
    'v.id as version_id',
    'v.version',
    'v.format',
    'v.effective_on',
    'v.review_due_on',
    'v.roles',
    sql<boolean>`not exists (select 1 from sop_acknowledgements a where a.version_id = v.id
      and a.user_id = ${actor.userId} and a.acknowledged_at is not null)
      and v.roles && ${sql.val([...actor.roles])}::text[]`.as('pending'),
    sql<number>`(select count(*)::int from sop_acknowledgements a where a.version_id = v.id
      and a.acknowledged_at is not null)`.as('acknowledged'),
    sql<number>`(select count(*)::int from users u where u.active and u.roles && v.roles)`.as(
      'audience',
    ),
  ]);
  if (!manager) q = q.where(overlaps(actor.roles));
  if (query.role) q = q.where(overlaps([query.role]));
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([eb('d.title', 'ilike', like), eb(sql`'sop-' || d.ref`, 'ilike', like)]),
    );
  }
  if (query.status === 'upcoming') q = q.where('v.effective_on', '>', today);
  if (query.status === 'review_due')
    q = q.where('v.effective_on', '<=', today).where('v.review_due_on', '<=', today);
  if (query.status === 'current')
    q = q.where('v.effective_on', '<=', today).where('v.review_due_on', '>', today);
  const rows = await q.orderBy('v.review_due_on').orderBy('d.title').limit(500).execute();
  return rows.map((r) => ({
    id: r.id,
    ref: refOf(r.ref),
    title: r.title,
    ownerName: r.owner_name,
    version: r.version,
    format: r.format as SopFormat,
    effectiveOn: r.effective_on,
    reviewDueOn: r.review_due_on,
    roles: r.roles as Role[],
    status: statusOf(r, today),
    pending: r.pending,
    acknowledged: manager ? r.acknowledged : null,
    audience: manager ? r.audience : null,
  }));
}

/** What the caller still has to acknowledge: newest versions for their roles (the shell's badge). */
export async function pendingForActor(db: Db, actor: Actor): Promise<SopPendingAnswer['pending']> {
  const rows = await newest(db)
    .select(['d.id', 'd.ref', 'd.title', 'v.version'])
    .where(overlaps(actor.roles))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('sop_acknowledgements as a')
            .select('a.user_id')
            .whereRef('a.version_id', '=', 'v.id')
            .where('a.user_id', '=', actor.userId)
            .where('a.acknowledged_at', 'is not', null),
        ),
      ),
    )
    .orderBy('v.published_at', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, ref: refOf(r.ref), title: r.title, version: r.version }));
}

/** A document's versions, newest first, with their files and publishers. */
export async function versionsOf(db: Db, documentId: string) {
  return db
    .selectFrom('sop_versions as v')
    .innerJoin('users as p', 'p.id', 'v.published_by')
    .leftJoin('sop_files as f', 'f.id', 'v.file_id')
    .select([
      'v.id',
      'v.version',
      'v.format',
      'v.markdown',
      'v.effective_on',
      'v.review_due_on',
      'v.roles',
      'v.change_note',
      'v.published_at',
      'v.superseded_at',
      'p.display_name as published_by',
      'f.file_name',
      'f.size_bytes',
      'f.storage_key',
    ])
    .where('v.document_id', '=', documentId)
    .orderBy('v.version', 'desc')
    .execute();
}

/** A version row as the API shows it in a history. */
export function versionView(v: Awaited<ReturnType<typeof versionsOf>>[number]): SopVersion {
  return {
    version: v.version,
    format: v.format as SopFormat,
    effectiveOn: v.effective_on,
    reviewDueOn: v.review_due_on,
    roles: v.roles as Role[],
    changeNote: v.change_note,
    publishedBy: v.published_by,
    publishedAt: v.published_at.toISOString(),
    supersededAt: v.superseded_at?.toISOString() ?? null,
    fileName: v.file_name,
    fileSize: v.size_bytes === null ? null : Number(v.size_bytes),
  };
}

/** Staff who may own a document. */
export async function ownerChoices(db: Db): Promise<{ id: string; name: string }[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('active', '=', true)
    .where(sql<boolean>`roles && ${sql.val([...SOP_OWNER_ROLES])}::text[]`)
    .orderBy('display_name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name }));
}
