import type { ScopeResolver } from '../auth';

/** A gateway is its clinic's record: the id resolves to the clinic it was created for. */
export const gatewayScope: ScopeResolver = {
  params: ['id'],
  resolve: async (db, p) => {
    const row = await db
      .selectFrom('gateways')
      .select('clinic_id')
      .where('id', '=', p.id!)
      .executeTakeFirst();
    return { kind: 'clinic', clinicId: row?.clinic_id ?? null };
  },
};
