/** Accounts, sessions, MFA, API tokens and the one authorisation layer. */
export { authRoutes, type AuthRouteOptions } from './routes';
export { authenticate } from './requestAuth';
export {
  credentialPolicy,
  type CredentialPolicy,
  type CredentialPolicyOptions,
} from './credentials';
export { presentedCredential, recheckCredential, type PresentedCredential } from './signedIn';
export { auditResponse, prepareAudit } from './auditHook';
export {
  PERMISSIONS,
  can,
  clinicScope,
  inScope,
  assertClinicScope,
  type Permission,
  type ClinicScope,
} from './policy';
export type { RouteAccess, ResourceKind } from './access';
export {
  installScopeCheck,
  UNSCOPED,
  type ScopeRegistry,
  type ScopeResolution,
  type ScopeResolver,
} from './scope';
export { inClinicScope } from './scopeSql';
export { tokenScope } from './tokenScope';
export { replaceServiceToken, revokeServiceTokens } from './tokens';
export { sha256 } from './secrets';
export { hashPassword } from './passwords';
export { requireFreshSecondFactor } from './mfaService';
export {
  destroyUserSessions,
  findSession,
  loadActor,
  purgeExpiredSessions,
  SESSION_COOKIE,
} from './sessions';
export { onPresence, type PresenceHandlers } from './presence';
export { loadLocale, loadLocales } from './locale';
