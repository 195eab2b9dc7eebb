import type { ScopeResolver } from '../auth';

/**
 * An SOP is the centre's own document and belongs to no clinic: its readers are chosen by role,
 * not by clinic. So the scope check lets the permission decide, and the services then show a
 * document only to the roles its newest version is for (and to those who manage SOPs): a clinic
 * user reads the guidelines written for the `clinic` role, of whatever clinic, and nothing else.
 */
export const sopScope: ScopeResolver = {
  params: ['id'],
  resolve: async () => ({ kind: 'unscoped' }),
};
