import type { Role } from '@telerad/contracts';
import type { RequestAudit } from './audit';
import type { Db } from './db';

/**
 * How the caller proved who they are; `job` is the server's own worker acting as a service
 * account that has no credential at all (the CAD model runner, docs/adr/0042).
 */
export type AuthMethod = 'session' | 'token' | 'basic' | 'job';

/** The authenticated caller, as every service sees it. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  /** Clinics the user belongs to (meaningful for the `clinic` role). */
  clinicIds: string[];
  via: AuthMethod;
  /**
   * Set for a machine's service account (a clinic gateway, docs/adr/0033; a CAD integration,
   * docs/adr/0027): it holds no role and may do only what its kind is granted
   * (`GATEWAY_PERMISSIONS`, `CAD_PERMISSIONS`).
   */
  service?: 'gateway' | 'cad';
}

/**
 * The explicit context a service call runs in: who asks, from where, under which request id, and
 * the database handle (a transaction when the caller opened one).
 */
export interface ServiceContext {
  actor: Actor | null;
  requestId: string;
  ip: string | null;
  db: Db;
  /**
   * The audit event of the HTTP request this call serves, when its route has the service write
   * it in the write's own transaction (`auditWrite`). Absent for jobs and DIMSE.
   */
  audit?: RequestAudit;
}
