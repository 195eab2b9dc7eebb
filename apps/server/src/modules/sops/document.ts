import type { Readable } from 'node:stream';
import type { SopDocument } from '@telerad/contracts';
import { auditedTransaction } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import type { ObjectStorage } from '../../platform/storage';
import { actorOf, assertReadable, dayOf, isFor } from './audience';
import { refOf, statusOf, versionsOf, versionView } from './queries';

/** The document and its versions, refused to a caller its newest version is not for. */
async function readable(ctx: ServiceContext, id: string) {
  const actor = actorOf(ctx);
  const doc = await ctx.db
    .selectFrom('sop_documents as d')
    .innerJoin('users as o', 'o.id', 'd.owner_id')
    .select(['d.id', 'd.ref', 'd.title', 'd.owner_id', 'o.display_name as owner_name'])
    .where('d.id', '=', id)
    .executeTakeFirst();
  if (!doc) throw appError('NOT_FOUND');
  const versions = await versionsOf(ctx.db, id);
  const newest = versions[0];
  if (!newest) throw appError('NOT_FOUND');
  assertReadable(actor, newest.roles);
  return { actor, doc, versions, newest };
}

/**
 * One document (`GET /api/sops/:id`): its history and the version asked for (the newest by
 * default). Opening the newest version when it is for the caller records that they opened it,
 * which is what lets them acknowledge it.
 */
export async function openSop(
  ctx: ServiceContext,
  id: string,
  version: number | undefined,
  now: Date = new Date(),
): Promise<SopDocument> {
  const { actor, doc, versions, newest } = await readable(ctx, id);
  const shown = version === undefined ? newest : versions.find((v) => v.version === version);
  if (!shown) throw appError('NOT_FOUND');
  const mustAcknowledge = shown.id === newest.id && isFor(actor, newest.roles);
  let acknowledgedAt: Date | null = null;
  if (mustAcknowledge) {
    const row = await ctx.db
      .insertInto('sop_acknowledgements')
      .values({ version_id: shown.id, user_id: actor.userId, opened_at: now })
      .onConflict((oc) =>
        oc.columns(['version_id', 'user_id']).doUpdateSet((eb) => ({
          opened_at: eb.ref('sop_acknowledgements.opened_at'),
        })),
      )
      .returning('acknowledged_at')
      .executeTakeFirstOrThrow();
    acknowledgedAt = row.acknowledged_at;
  } else {
    const row = await ctx.db
      .selectFrom('sop_acknowledgements')
      .select('acknowledged_at')
      .where('version_id', '=', shown.id)
      .where('user_id', '=', actor.userId)
      .executeTakeFirst();
    acknowledgedAt = row?.acknowledged_at ?? null;
  }
  return {
    id: doc.id,
    ref: refOf(doc.ref),
    title: doc.title,
    ownerId: doc.owner_id,
    ownerName: doc.owner_name,
    status: statusOf(newest, dayOf(now)),
    versions: versions.map(versionView),
    shown: {
      ...versionView(shown),
      markdown: shown.markdown,
      mustAcknowledge,
      acknowledgedAt: acknowledgedAt?.toISOString() ?? null,
    },
  };
}

/** A PDF version's file (`GET /api/sops/:id/file?version=`), for whoever may read the document. */
export async function openSopFile(
  ctx: ServiceContext,
  storage: ObjectStorage,
  id: string,
  version: number | undefined,
): Promise<{ stream: Readable; fileName: string; sizeBytes: number }> {
  const { versions, newest } = await readable(ctx, id);
  const v = version === undefined ? newest : versions.find((x) => x.version === version);
  if (!v || !v.storage_key || !v.file_name || v.size_bytes === null) throw appError('NOT_FOUND');
  return {
    stream: storage.open(v.storage_key),
    fileName: v.file_name,
    sizeBytes: Number(v.size_bytes),
  };
}

/**
 * The caller confirms they read a version (`POST /api/sops/:id/acknowledge`): it must be the
 * newest, be for one of their roles, and have been opened by them. A second acknowledgement
 * keeps the first time.
 */
export async function acknowledgeSop(
  ctx: ServiceContext,
  id: string,
  version: number,
  now: Date = new Date(),
): Promise<void> {
  const actor = actorOf(ctx);
  await auditedTransaction(
    ctx,
    async (trx: Db) => {
      const newest = await trx
        .selectFrom('sop_versions')
        .select(['id', 'version', 'roles'])
        .where('document_id', '=', id)
        .where('superseded_at', 'is', null)
        .executeTakeFirst();
      if (!newest) throw appError('NOT_FOUND');
      assertReadable(actor, newest.roles);
      if (newest.version !== version) throw appError('SOP_VERSION_SUPERSEDED');
      if (!isFor(actor, newest.roles)) throw appError('SOP_NOT_FOR_YOU');
      const row = await trx
        .updateTable('sop_acknowledgements')
        .set((eb) => ({ acknowledged_at: eb.fn.coalesce('acknowledged_at', eb.val(now)) }))
        .where('version_id', '=', newest.id)
        .where('user_id', '=', actor.userId)
        .returning('acknowledged_at')
        .executeTakeFirst();
      if (!row) throw appError('SOP_NOT_OPENED');
      return version;
    },
    (v) => ({ resourceId: id, clinicId: null, details: { version: v } }),
  );
}
