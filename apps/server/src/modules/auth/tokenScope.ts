import type { ScopeResolver } from './scope';

/** An API token is its user's own: nobody else may see or revoke it. */
export const tokenScope: ScopeResolver = {
  params: ['id'],
  resolve: async (db, p) => {
    const row = await db
      .selectFrom('api_tokens')
      .select('user_id')
      .where('id', '=', p.id!)
      .executeTakeFirst();
    return { kind: 'owner', userId: row?.user_id ?? null, clinicId: null };
  },
};
