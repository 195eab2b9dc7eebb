import type { ScopeResolver } from '../auth';

/** A clinic is its own scope: the id is the clinic (a missing one is outside every scope too). */
export const clinicScopeResolver: ScopeResolver = {
  params: ['id'],
  resolve: async (_db, p) => ({ kind: 'clinic', clinicId: p.id! }),
};
