import type { MessageTemplate, MessageTemplateBody } from '@telerad/contracts';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { auditWrite } from '../../platform/audit';
import { actorOf } from './threads';

/** The templates of common requests, in their order. */
export async function listTemplates(db: Db): Promise<MessageTemplate[]> {
  const rows = await db
    .selectFrom('message_templates')
    .select(['id', 'title', 'body', 'position'])
    .orderBy('position')
    .orderBy('title')
    .execute();
  return rows;
}

/**
 * Replaces the whole set of templates with the assistant lead's edited list (in its order), with
 * its audit event in the same transaction. Messages already sent keep their words: a template is
 * copied into the composer, never referenced.
 */
export async function replaceTemplates(
  ctx: ServiceContext,
  templates: readonly MessageTemplateBody[],
): Promise<MessageTemplate[]> {
  const actor = actorOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('message_templates').execute();
    if (templates.length)
      await trx
        .insertInto('message_templates')
        .values(
          templates.map((t, i) => ({
            title: t.title,
            body: t.body,
            position: i + 1,
            updated_by: actor.userId,
          })),
        )
        .execute();
    await auditWrite(ctx, trx, { details: { templates: templates.length } });
    return listTemplates(trx);
  });
}
