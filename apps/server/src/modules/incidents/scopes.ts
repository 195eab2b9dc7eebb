import type { ScopeResolver } from '../auth';

/**
 * An incident belongs to the clinics of the studies and clinics it is linked to. One clinic: that
 * clinic's record. Several: a record of each, refused to a caller outside any of them. None (an
 * outage of the centre's own systems): not clinic data, the permission alone decides. Clinic users
 * hold no incident permission today; the resolver is what keeps a later grant honest.
 */
export const incidentScope: ScopeResolver = {
  params: ['id'],
  resolve: async (db, p) => {
    const incident = await db
      .selectFrom('incidents')
      .select('id')
      .where('id', '=', p.id!)
      .executeTakeFirst();
    if (!incident) return { kind: 'clinic', clinicId: null };
    const rows = await db
      .selectFrom('incident_links')
      .select('clinic_id')
      .distinct()
      .where('incident_id', '=', incident.id)
      .orderBy('clinic_id')
      .execute();
    const clinicIds = rows.map((r) => r.clinic_id);
    if (clinicIds.length === 0) return { kind: 'unscoped' };
    if (clinicIds.length === 1) return { kind: 'clinic', clinicId: clinicIds[0]! };
    return { kind: 'clinics', clinicIds };
  },
};
