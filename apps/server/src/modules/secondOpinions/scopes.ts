import type { ScopeResolver } from '../auth';

/** A second-opinion request belongs to its study's clinic. */
export const secondOpinionScope: ScopeResolver = {
  params: ['id'],
  resolve: async (db, p) => {
    const row = await db
      .selectFrom('second_opinions')
      .select('clinic_id')
      .where('id', '=', p.id!)
      .executeTakeFirst();
    return { kind: 'clinic', clinicId: row?.clinic_id ?? null };
  },
};
