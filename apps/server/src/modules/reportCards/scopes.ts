import type { ScopeResolver } from '../auth';

/**
 * A report card is its reader's own record: a radiologist reads only their own (their
 * peer-review scores are confidential); QA, consultants and administrators, holding
 * `reportCards:all`, read every reader's. It names no clinic.
 */
export const reportCardScope: ScopeResolver = {
  params: ['id'],
  resolve: async (db, p) => {
    const row = await db
      .selectFrom('users')
      .select('id')
      .where('id', '=', p.id!)
      .executeTakeFirst();
    return { kind: 'owner', userId: row?.id ?? null, clinicId: null, openTo: 'reportCards:all' };
  },
};
