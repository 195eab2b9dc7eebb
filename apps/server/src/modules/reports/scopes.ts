import type { ScopeResolver } from '../auth';

/** A report belongs to its study's clinic (drafts included: whether a draft shows is the service's rule). */
export const reportScope: ScopeResolver = {
  params: ['id'],
  resolve: async (db, p) => {
    const row = await db
      .selectFrom('reports')
      .select('clinic_id')
      .where('id', '=', p.id!)
      .executeTakeFirst();
    return { kind: 'clinic', clinicId: row?.clinic_id ?? null };
  },
};
