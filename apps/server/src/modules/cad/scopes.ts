import type { ScopeResolver } from '../auth';

/**
 * A CAD integration belongs to the clinics whose studies it takes (its service account's
 * clinics): a caller must hold them all. An unknown integration names none and is answered by
 * its route (404 `CAD_INTEGRATION_UNKNOWN`).
 */
export const cadIntegrationScope: ScopeResolver = {
  params: ['id'],
  resolve: async (db, p) => {
    const rows = await db
      .selectFrom('cad_integrations as ci')
      .innerJoin('user_clinics as uc', 'uc.user_id', 'ci.service_user_id')
      .select('uc.clinic_id')
      .where('ci.id', '=', p.id!)
      .execute();
    return { kind: 'clinics', clinicIds: rows.map((r) => r.clinic_id) };
  },
};
