import type { ConsultNoteAddendumBody, SecondOpinion } from '@telerad/contracts';
import { auditWrite } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { assertClinicScope } from '../auth';
import { notifyEvent, studyFacts } from '../notifications';
import { stepUpIfConfigured } from '../reports';
import { actorOf, secondOpinionById } from './requests';

/**
 * `POST /api/second-opinions/:id/addenda`: a consultant corrects a signed note. The note itself
 * never changes: the addendum is signed (with the second factor where signing asks it), kept
 * beside it, and the asker is told, all in one transaction.
 */
export async function addConsultNoteAddendum(
  ctx: ServiceContext,
  id: string,
  body: ConsultNoteAddendumBody,
  now: Date = new Date(),
): Promise<SecondOpinion> {
  const actor = actorOf(ctx);
  await stepUpIfConfigured(ctx, body.mfaCode, 'add this addendum');
  await ctx.db.transaction().execute(async (trx) => {
    const o = await trx
      .selectFrom('second_opinions as o')
      .leftJoin('consult_notes as n', 'n.second_opinion_id', 'o.id')
      .select(['o.id', 'o.clinic_id', 'o.study_id', 'o.requested_by', 'n.id as note_id'])
      .where('o.id', '=', id)
      .forUpdate('o')
      .executeTakeFirst();
    if (!o) throw appError('NOT_FOUND', undefined, 'No such second opinion.');
    assertClinicScope(actor, o.clinic_id);
    if (!o.note_id) throw appError('SECOND_OPINION_NOT_ANSWERED');
    const me = await trx
      .selectFrom('users')
      .select(['display_name', 'credentials'])
      .where('id', '=', actor.userId)
      .executeTakeFirstOrThrow();
    const added = await trx
      .insertInto('consult_note_addenda')
      .values({
        consult_note_id: o.note_id,
        text: body.text,
        signed_by: actor.userId,
        signer_name: me.display_name,
        signer_credentials: me.credentials,
        signed_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await notifyEvent(trx, {
      kind: 'second_opinion.amended',
      facts: { ...(await studyFacts(trx, o.study_id)), consultant: me.display_name },
      key: added.id,
      clinicId: o.clinic_id,
      userId: o.requested_by,
      exceptUserIds: [actor.userId],
    });
    await auditWrite(ctx, trx, {
      resourceId: id,
      clinicId: o.clinic_id,
      details: { addendumId: added.id, length: body.text.length },
    });
  });
  return secondOpinionById(ctx, id);
}
