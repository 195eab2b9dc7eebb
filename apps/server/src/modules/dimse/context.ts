import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { writeAuditBatch, type AuditEntry } from '../../platform/audit';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import type { ObjectStorage } from '../../platform/storage';
import type { IngestDeps } from '../ingest';
import type { Peer } from './association';
import type { DimseConnectionLimits } from './connectionLimits';

/** What every association of the DIMSE server works with. */
export interface DimseContext {
  /** The clinic register, the archive index and the audit trail. */
  db: Db;
  /** The one ingest path's dependencies (DESIGN.md §2). */
  ingest: IngestDeps;
  /** Where stored objects are read from for C-MOVE and C-GET. */
  storage: ObjectStorage;
  /** Telerad's AE title: the only Called AE accepted, and the calling AE of C-MOVE. */
  aeTitle: string;
  logger: Logger;
  /** Associations served at once; more are rejected as "local limit exceeded". */
  maxAssociations: number;
  /** Bytes of a C-STORE dataset buffered ahead of ingest before the socket is paused. */
  receiveBufferBytes: number;
  /** ARTIM, idle timeout, and connections waiting per address. */
  limits: DimseConnectionLimits;
}

/** The peer an audit event names: its calling AE, address and clinic. */
export type AuditPeer = Pick<Peer, 'callingAe' | 'remoteAddress'> & { clinicId: string | null };

/**
 * Appends audit events for DIMSE actions of a peer (who: its calling AE and clinic), in one
 * statement. Callers await it before the answer that carries data (fail closed, DESIGN.md §2):
 * a failed write rejects with AUDIT_UNAVAILABLE (0xA700 on the wire).
 */
export async function auditDimse(
  ctx: DimseContext,
  peer: AuditPeer,
  entries:
    Omit<AuditEntry, 'actorName' | 'clinicId'> | Omit<AuditEntry, 'actorName' | 'clinicId'>[],
  requestId: string = randomUUID(),
): Promise<void> {
  try {
    await writeAuditBatch(
      { actor: null, requestId, ip: peer.remoteAddress, db: ctx.db },
      [entries]
        .flat()
        .map((e) => ({ ...e, actorName: `AE ${peer.callingAe}`, clinicId: peer.clinicId })),
    );
  } catch (err) {
    ctx.logger.error({ err }, 'DIMSE audit write failed');
    throw appError('AUDIT_UNAVAILABLE');
  }
}
