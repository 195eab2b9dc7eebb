import type { ServiceContext } from '../../platform/context';
import type { Permission } from './policy';

/**
 * The kind of record a route's `:id` (or `:studyUid`) names. The access test uses it to aim every
 * route at another clinic's records and prove nothing leaks.
 */
export type ResourceKind = 'centre' | 'clinic' | 'user' | 'token' | 'study' | 'task' | 'report';

/** What every route declares about access; routes without it are refused at registration. */
export interface RouteAccess {
  /** `public` needs no sign-in (health, login). */
  permission: Permission | 'public';
  /** Allowed while the session still waits for MFA (the MFA routes themselves). */
  allowPendingMfa?: boolean;
  /** Audit action written for every call of this route, with its outcome. */
  audit?: string;
  /** What `:id` in the path names. */
  resource?: ResourceKind;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** The explicit service context: actor, request id, address, database. */
    ctx: ServiceContext;
    /** Set when the caller authenticated with a session cookie. */
    sessionHash?: string;
    sessionStage?: string;
    /** Resource facts a handler found, for the audit event (e.g. the record's clinic). */
    auditInfo?: {
      clinicId?: string | null;
      resourceId?: string | null;
      details?: Record<string, unknown>;
    };
  }
}
