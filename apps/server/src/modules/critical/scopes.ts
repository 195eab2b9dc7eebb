import type { ScopeResolver } from '../auth';

/** A critical result belongs to its report's clinic. */
export const criticalResultScope: ScopeResolver = {
  params: ['id'],
  resolve: async (db, p) => {
    const row = await db
      .selectFrom('critical_results')
      .select('clinic_id')
      .where('id', '=', p.id!)
      .executeTakeFirst();
    return { kind: 'clinic', clinicId: row?.clinic_id ?? null };
  },
};
