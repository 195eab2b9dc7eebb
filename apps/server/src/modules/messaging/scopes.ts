import type { ScopeResolver } from '../auth';

/**
 * A thread is its clinic's: the clinic's channel, or the thread of one of its studies. An unknown
 * id resolves to no clinic and the handler answers its own 404.
 */
export const threadScope: ScopeResolver = {
  params: ['id'],
  resolve: async (db, p) => {
    const row = await db
      .selectFrom('message_threads')
      .select('clinic_id')
      .where('id', '=', p.id!)
      .executeTakeFirst();
    return { kind: 'clinic', clinicId: row?.clinic_id ?? null };
  },
};

/** An attachment is its thread's clinic's, whether or not its message has been sent yet. */
export const attachmentScope: ScopeResolver = {
  params: ['id'],
  resolve: async (db, p) => {
    const row = await db
      .selectFrom('message_attachments')
      .innerJoin('message_threads', 'message_threads.id', 'message_attachments.thread_id')
      .select('message_threads.clinic_id')
      .where('message_attachments.id', '=', p.id!)
      .executeTakeFirst();
    return { kind: 'clinic', clinicId: row?.clinic_id ?? null };
  },
};
