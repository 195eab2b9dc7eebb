import type { Readable } from 'node:stream';
import {
  MAX_SOP_PDF_BYTES,
  SOP_OWNER_ROLES,
  SopVersionBody,
  type NewSopBody,
  type SopFileAnswer,
} from '@telerad/contracts';
import { sql } from 'kysely';
import { auditedTransaction, auditWrite } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { ObjectTooLargeError, type ObjectStorage } from '../../platform/storage';
import { notifyEvent } from '../notifications';
import { actorOf } from './audience';

/** Refuses an owner who is not an active QA officer, administrator or consultant. */
async function assertOwner(trx: Db, ownerId: string): Promise<void> {
  const owner = await trx
    .selectFrom('users')
    .select('id')
    .where('id', '=', ownerId)
    .where('active', '=', true)
    .where(sql<boolean>`roles && ${sql.val([...SOP_OWNER_ROLES])}::text[]`)
    .executeTakeFirst();
  if (!owner) throw appError('SOP_OWNER_NOT_ALLOWED');
}

/**
 * Writes a document's next version on `trx` (the document row is locked by the caller): the
 * newest version before it is superseded, and the users of the version's roles are told to read
 * and acknowledge it, in the same transaction. Returns the new version's number.
 */
async function writeVersion(
  ctx: ServiceContext,
  trx: Db,
  doc: { id: string; ref: string; title: string },
  input: SopVersionBody,
  now: Date,
): Promise<number> {
  const actor = actorOf(ctx);
  const v = SopVersionBody.parse(input);
  if (v.format === 'pdf') {
    const file = await trx
      .selectFrom('sop_files')
      .select('id')
      .where('id', '=', v.fileId!)
      .where('uploaded_by', '=', actor.userId)
      .executeTakeFirst();
    if (!file) throw appError('SOP_FILE_UNKNOWN');
  }
  const last = await trx
    .selectFrom('sop_versions')
    .select(({ fn }) => fn.max('version').as('n'))
    .where('document_id', '=', doc.id)
    .executeTakeFirst();
  const version = Number(last?.n ?? 0) + 1;
  await trx
    .updateTable('sop_versions')
    .set({ superseded_at: now })
    .where('document_id', '=', doc.id)
    .where('superseded_at', 'is', null)
    .execute();
  await trx
    .insertInto('sop_versions')
    .values({
      document_id: doc.id,
      version,
      format: v.format,
      markdown: v.format === 'markdown' ? v.markdown : '',
      file_id: v.format === 'pdf' ? v.fileId : null,
      effective_on: v.effectiveOn,
      review_due_on: v.reviewDueOn,
      roles: [...new Set(v.roles)],
      change_note: v.changeNote,
      published_by: actor.userId,
      published_at: now,
    })
    .execute();
  await notifyEvent(trx, {
    kind: 'sop.acknowledgement_needed',
    roles: v.roles,
    key: `${doc.id}:${version}`,
    exceptUserIds: [actor.userId],
    facts: {
      title: doc.title,
      version,
      effectiveOn: v.effectiveOn,
      documentId: doc.id,
    },
  });
  return version;
}

/** QA publishes a new document with its first version (`POST /api/sops`). */
export async function createSop(
  ctx: ServiceContext,
  body: NewSopBody,
  now: Date = new Date(),
): Promise<string> {
  const actor = actorOf(ctx);
  const made = await auditedTransaction(
    ctx,
    async (trx) => {
      await assertOwner(trx, body.ownerId);
      const doc = await trx
        .insertInto('sop_documents')
        .values({
          title: body.title,
          owner_id: body.ownerId,
          created_by: actor.userId,
          created_at: now,
        })
        .returning(['id', 'ref', 'title'])
        .executeTakeFirstOrThrow();
      const version = await writeVersion(
        ctx,
        trx,
        { ...doc, ref: String(doc.ref) },
        body.version,
        now,
      );
      return { id: doc.id, version };
    },
    (r) => ({ resourceId: r.id, clinicId: null, details: { version: r.version } }),
  );
  return made.id;
}

/**
 * QA publishes the next version of a document (`POST /api/sops/:id/versions`); the owner may
 * change with it. The newest version before it is superseded and stays readable.
 */
export async function publishVersion(
  ctx: ServiceContext,
  id: string,
  body: SopVersionBody & { ownerId?: string | null },
  now: Date = new Date(),
): Promise<void> {
  await auditedTransaction(
    ctx,
    async (trx) => {
      const doc = await trx
        .selectFrom('sop_documents')
        .select(['id', 'ref', 'title', 'owner_id'])
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!doc) throw appError('NOT_FOUND');
      if (body.ownerId && body.ownerId !== doc.owner_id) {
        await assertOwner(trx, body.ownerId);
        await trx
          .updateTable('sop_documents')
          .set({ owner_id: body.ownerId })
          .where('id', '=', id)
          .execute();
      }
      return writeVersion(ctx, trx, { ...doc, ref: String(doc.ref) }, body, now);
    },
    (version) => ({ resourceId: id, clinicId: null, details: { version } }),
  );
}

/**
 * Receives the PDF of a version to come (`POST /api/sops/files`): staged through the storage
 * interface (at most MAX_SOP_PDF_BYTES), checked to be a PDF by its header (ISO 32000-1 §7.5.2,
 * `%PDF-`), made durable under its content key, and recorded as the uploader's file with its
 * audit event. A version names it when QA publishes.
 */
export async function receiveSopFile(
  ctx: ServiceContext,
  storage: ObjectStorage,
  body: Readable | undefined,
  fileName: string,
): Promise<SopFileAnswer> {
  const actor = actorOf(ctx);
  if (!body || typeof body.pipe !== 'function') throw appError('SOP_FILE_NOT_PDF');
  let staged;
  try {
    staged = await storage.stage(body, MAX_SOP_PDF_BYTES);
  } catch (e) {
    if (e instanceof ObjectTooLargeError) throw appError('SOP_FILE_TOO_LARGE');
    throw e;
  }
  if (Buffer.concat(staged.head).subarray(0, 5).toString('latin1') !== '%PDF-') {
    await storage.discard(staged);
    throw appError('SOP_FILE_NOT_PDF');
  }
  const key = await storage.commit(staged);
  const name =
    [...fileName]
      .filter((ch) => ch >= ' ' && ch !== '\u007f')
      .join('')
      .split(/[\\/]/)
      .pop()
      ?.trim()
      .slice(0, 200) || 'document.pdf';
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('sop_files')
      .values({
        storage_key: key,
        file_name: name,
        size_bytes: staged.size,
        uploaded_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await auditWrite(ctx, trx, {
      resourceId: row.id,
      clinicId: null,
      details: { sizeBytes: staged.size },
    });
    return { fileId: row.id, fileName: name, sizeBytes: staged.size };
  });
}
