/**
 * The DIMSE server (PS3.7, PS3.8): C-ECHO, C-STORE into the one ingest path, C-FIND, C-MOVE and
 * C-GET, for the clinics' registered AE titles and networks, in plain TCP or DICOM TLS.
 */
import type { Logger } from 'pino';
import type { Db } from '../../platform/db';
import type { ObjectStorage } from '../../platform/storage';
import type { IngestDeps } from '../ingest';
import { loadCodecs } from '../transcode';
import { DEFAULT_CONNECTION_LIMITS, type DimseConnectionLimits } from './connectionLimits';
import { RECEIVE_BUFFER_BYTES } from './cstore';
import { listen, type DimseListener, type DimseTls } from './server';

export type { DimseListener, DimseTls } from './server';
export {
  DEFAULT_CONNECTION_LIMITS,
  addressKey,
  type DimseConnectionLimits,
} from './connectionLimits';
export { networkMatcher } from './cidr';
export {
  SOP as SCP_SOP_CLASSES,
  NAMED_STORAGE_SOP_CLASSES,
  STORAGE_SOP_CLASS_ROOT,
} from './association';
export {
  STORAGE_TRANSFER_SYNTAXES,
  QUERY_TRANSFER_SYNTAXES,
  type TransferSyntaxEntry,
} from './transferSyntaxes';
export { IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION, buildPart10Meta } from './meta';

/** What the DIMSE server needs. */
export interface DimseServerOptions {
  db: Db;
  storage: ObjectStorage;
  /** The one ingest path's dependencies (normally the same `db` and `storage`, with limits). */
  ingest: IngestDeps;
  aeTitle: string;
  port: number;
  /** Interface to bind; all interfaces when omitted. */
  host?: string;
  tls?: DimseTls;
  /**
   * Load balancers whose PROXY protocol v2 header names the clinic (docs/adr/0049); none when
   * empty or omitted. Not with `tls`.
   */
  trustedProxies?: readonly string[];
  logger: Logger;
  /**
   * Associations served at once (default 500); more are rejected as a transient overload. Only
   * connections that sent an A-ASSOCIATE-RQ count.
   */
  maxAssociations?: number;
  /** ARTIM, idle timeout and connections waiting per address (DEFAULT_CONNECTION_LIMITS). */
  limits?: Partial<DimseConnectionLimits>;
  /**
   * Bytes of one C-STORE dataset held in memory ahead of ingest before the socket is paused
   * (default 4 MiB): backpressure to the sender, and the bound on memory per association.
   */
  receiveBufferBytes?: number;
}

/**
 * Starts the DIMSE server and resolves once it listens. The transcoding module's codecs start
 * loading in the background, so that the first C-MOVE or C-GET that must transcode (for a peer
 * that does not accept an object's stored syntax) does not wait for them.
 */
export async function startDimseServer(opts: DimseServerOptions): Promise<DimseListener> {
  const logger = opts.logger.child({ component: 'dimse' });
  void loadCodecs().catch((err: unknown) =>
    logger.warn({ err }, 'DICOM codecs unavailable: retrieval sends objects as stored only'),
  );
  const listener = await listen(
    {
      db: opts.db,
      ingest: opts.ingest,
      storage: opts.storage,
      aeTitle: opts.aeTitle,
      logger,
      maxAssociations: opts.maxAssociations ?? 500,
      receiveBufferBytes: opts.receiveBufferBytes ?? RECEIVE_BUFFER_BYTES,
      limits: { ...DEFAULT_CONNECTION_LIMITS, ...opts.limits },
    },
    opts.port,
    opts.host,
    opts.tls,
    opts.trustedProxies ?? [],
  );
  logger.info(
    { port: listener.port, aeTitle: opts.aeTitle, tls: Boolean(opts.tls) },
    'DICOM server listening',
  );
  return listener;
}
