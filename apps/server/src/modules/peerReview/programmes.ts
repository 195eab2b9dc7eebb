import {
  PeerReviewRule,
  type PeerReviewProgramme,
  type PeerReviewProgrammeInput,
  type PeerReviewProgrammeList,
} from '@telerad/contracts';
import { sql } from 'kysely';
import { auditWrite } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';

const listed = (db: Db) =>
  db
    .selectFrom('peer_review_programmes as p')
    .select([
      'p.id',
      'p.name',
      'p.active',
      'p.rule',
      'p.updated_at',
      sql<number>`(select count(*)::int from peer_reviews r where r.programme_id = p.id)`.as(
        'reviews',
      ),
      sql<number>`(select count(*)::int from peer_reviews r where r.programme_id = p.id and r.scored_at is not null)`.as(
        'scored',
      ),
    ]);

type Row = Awaited<ReturnType<ReturnType<typeof listed>['execute']>>[number];

function programmeOf(r: Row): PeerReviewProgramme {
  return {
    id: r.id,
    name: r.name,
    active: r.active,
    // Written through the schema; a rule a newer version stored that this one cannot read shows
    // as sampling nothing, as sampling treats it.
    rule: PeerReviewRule.catch({
      samplePercent: 0,
      discordantPercent: 0,
      targets: { abnormal: false, consultation: false, readerIds: [] },
      blind: false,
    }).parse(r.rule),
    updatedAt: r.updated_at.toISOString(),
    reviews: r.reviews,
    scored: r.scored,
  };
}

/** `GET /api/peer-review/programmes`: every programme, active first, with its review counts. */
export async function listProgrammes(db: Db): Promise<PeerReviewProgrammeList> {
  const rows = await listed(db).orderBy('p.active', 'desc').orderBy('p.created_at').execute();
  return { items: rows.map(programmeOf) };
}

/** Readers named as targets must be active radiologists or consultants. */
async function checkReaders(db: Db, input: PeerReviewProgrammeInput): Promise<void> {
  const ids = input.rule.targets.readerIds;
  if (ids.length === 0) return;
  const found = await db
    .selectFrom('users')
    .select('id')
    .where('id', 'in', ids)
    .where(sql<boolean>`roles && array['radiologist', 'consultant']::text[]`)
    .execute();
  if (found.length !== new Set(ids).size) throw appError('PEER_REVIEW_READER_UNKNOWN');
}

/** Creates a programme (QA); audited with its rule in the same transaction. */
export async function createProgramme(
  ctx: ServiceContext,
  input: PeerReviewProgrammeInput,
): Promise<PeerReviewProgramme> {
  await checkReaders(ctx.db, input);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('peer_review_programmes')
      .values({
        name: input.name,
        active: input.active,
        rule: JSON.stringify(input.rule),
        updated_at: new Date(),
        updated_by: ctx.actor?.userId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await auditWrite(ctx, trx, { resourceId: row.id, details: { after: input } });
    return row.id;
  });
  return programmeOf(await listed(ctx.db).where('p.id', '=', id).executeTakeFirstOrThrow());
}

/** Changes a programme; the change applies to reads finalised from now on. */
export async function updateProgramme(
  ctx: ServiceContext,
  id: string,
  input: PeerReviewProgrammeInput,
): Promise<PeerReviewProgramme> {
  await checkReaders(ctx.db, input);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('peer_review_programmes')
      .select(['name', 'active', 'rule'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw appError('NOT_FOUND', undefined, 'No such peer-review programme.');
    await trx
      .updateTable('peer_review_programmes')
      .set({
        name: input.name,
        active: input.active,
        rule: JSON.stringify(input.rule),
        updated_at: new Date(),
        updated_by: ctx.actor?.userId ?? null,
      })
      .where('id', '=', id)
      .execute();
    await auditWrite(ctx, trx, { resourceId: id, details: { before, after: input } });
  });
  return programmeOf(await listed(ctx.db).where('p.id', '=', id).executeTakeFirstOrThrow());
}
