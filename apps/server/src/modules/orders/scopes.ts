import type { ScopeResolver } from '../auth';

/** An order belongs to its clinic. */
export const orderScope: ScopeResolver = {
  params: ['id'],
  resolve: async (db, p) => {
    const row = await db
      .selectFrom('orders')
      .select('clinic_id')
      .where('id', '=', p.id!)
      .executeTakeFirst();
    return { kind: 'clinic', clinicId: row?.clinic_id ?? null };
  },
};
