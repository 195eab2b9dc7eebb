import type { ServiceContext } from '../../platform/context';
import type { Permission } from './policy';

/**
 * The kind of record a route's path parameters name (`:id`, or `:studyUid`, `:seriesUid`,
 * `:sopUid`). The scope check (`scope.ts`) resolves it to a clinic or owner before the handler
 * runs, and the access test aims every route at another clinic's record of its kind. A new kind
 * needs a resolver in the app's scope registry, or the app does not build.
 */
export type ResourceKind =
  | 'centre'
  | 'clinic'
  | 'user'
  | 'token'
  | 'study'
  | 'series'
  | 'instance'
  | 'task'
  | 'report'
  | 'delivery'
  | 'notification'
  | 'notificationPreferences'
  | 'upload'
  | 'retake'
  | 'peerReviewProgramme'
  | 'discrepancy'
  | 'criticalResult'
  | 'thread'
  | 'attachment'
  | 'incident'
  | 'sop'
  | 'teachingFlag'
  | 'teachingSession'
  | 'teachingCase'
  | 'secondOpinion'
  | 'reportCard'
  | 'trainingRecord'
  | 'gateway'
  | 'order'
  | 'hl7Destination'
  | 'cadIntegration';

/** What every route declares about access; routes without it are refused at registration. */
export interface RouteAccess {
  /** `public` needs no sign-in (health, login). */
  permission: Permission | 'public';
  /** Allowed while the session still waits for MFA (the MFA routes themselves). */
  allowPendingMfa?: boolean;
  /** Audit action written for every call of this route, with its outcome. */
  audit?: string;
  /**
   * The route's service writes the success event on the write's own transaction
   * (`auditWrite`), so the change and its event commit together; the answer hook then writes only
   * refusals and failures.
   */
  auditInTransaction?: boolean;
  /** What the path's id parameters name; the scope check refuses records outside the caller's clinics. */
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
      /** The kind of record `resourceId` names, when the route declares none (e.g. a STOW). */
      resourceType?: string | null;
      resourceId?: string | null;
      details?: Record<string, unknown>;
    };
  }
}
