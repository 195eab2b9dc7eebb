import type { ScopeResolver } from '../auth';

/**
 * A browser upload is its clinic's: the clinic it was started for (an unknown id resolves to no
 * clinic, and the handler answers its own 404 as tus does for a missing upload).
 */
export const uploadScope: ScopeResolver = {
  params: ['id'],
  resolve: async (db, p) => {
    const row = await db
      .selectFrom('uploads')
      .select('clinic_id')
      .where('id', '=', p.id!)
      .executeTakeFirst();
    return { kind: 'clinic', clinicId: row?.clinic_id ?? null };
  },
};
