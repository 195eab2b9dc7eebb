import type { ScopeResolver } from '../auth';

/** A discrepancy case belongs to its study's clinic. */
export const discrepancyScope: ScopeResolver = {
  params: ['id'],
  resolve: async (db, p) => {
    const row = await db
      .selectFrom('discrepancy_cases')
      .select('clinic_id')
      .where('id', '=', p.id!)
      .executeTakeFirst();
    return { kind: 'clinic', clinicId: row?.clinic_id ?? null };
  },
};

/** A peer-review programme is the centre's configuration, not clinic data: permission decides. */
export const peerReviewProgrammeScope: ScopeResolver = {
  params: ['id'],
  resolve: async () => ({ kind: 'unscoped' }),
};
