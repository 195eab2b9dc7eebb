import type { ScopeResolver } from '../auth';

/** A reading task (any type: primary read, consultation…) belongs to its study's clinic. */
export const taskScope: ScopeResolver = {
  params: ['id'],
  resolve: async (db, p) => {
    const row = await db
      .selectFrom('reading_tasks')
      .select('clinic_id')
      .where('id', '=', p.id!)
      .executeTakeFirst();
    return { kind: 'clinic', clinicId: row?.clinic_id ?? null };
  },
};
