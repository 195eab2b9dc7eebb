import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { writeAudit, type AuditEntry } from '../../platform/audit';
import type { Db } from '../../platform/db';
import type { ObjectStorage } from '../../platform/storage';
import type { IngestDeps } from '../ingest';
import type { Peer } from './association';

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
}

/**
 * Appends an audit event for a DIMSE action of a peer (who: its calling AE and clinic). Never
 * throws: a failing audit write is logged, and the DIMSE answer does not wait on it.
 */
export function auditDimse(
  ctx: DimseContext,
  peer: Pick<Peer, 'callingAe' | 'remoteAddress'> & { clinicId: string | null },
  entry: Omit<AuditEntry, 'actorName' | 'clinicId'>,
  requestId: string = randomUUID(),
): Promise<void> {
  return writeAudit(
    { actor: null, requestId, ip: peer.remoteAddress, db: ctx.db },
    { ...entry, actorName: `AE ${peer.callingAe}`, clinicId: peer.clinicId },
  ).catch((err: unknown) => ctx.logger.error({ err }, 'DIMSE audit write failed'));
}
