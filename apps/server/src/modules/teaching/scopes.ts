import type { ScopeResolver } from '../auth';

/** A teaching flag names a clinic's study: it belongs to that clinic. */
export const teachingFlagScope: ScopeResolver = {
  params: ['id'],
  resolve: async (db, p) => {
    const row = await db
      .selectFrom('teaching_flags')
      .select('clinic_id')
      .where('id', '=', p.id!)
      .executeTakeFirst();
    return { kind: 'clinic', clinicId: row?.clinic_id ?? null };
  },
};

/**
 * A teaching session, and each of its cases, is de-identified: no clinic's data, so the
 * permission alone decides (staff only; clinic users hold no teaching permission).
 */
export const teachingSessionScope: ScopeResolver = {
  params: ['id'],
  resolve: async () => ({ kind: 'unscoped' }),
};
export const teachingCaseScope: ScopeResolver = {
  params: ['id'],
  resolve: async () => ({ kind: 'unscoped' }),
};
