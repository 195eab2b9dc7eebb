import type { ScopeResolver } from '../auth';

/** A training record belongs to the clinic whose users were trained. */
export const trainingRecordScope: ScopeResolver = {
  params: ['id'],
  resolve: async (db, p) => {
    const row = await db
      .selectFrom('onboarding_training')
      .select('clinic_id')
      .where('id', '=', p.id!)
      .executeTakeFirst();
    return { kind: 'clinic', clinicId: row?.clinic_id ?? null };
  },
};
