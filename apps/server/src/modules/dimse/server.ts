import net from 'node:net';
import tls from 'node:tls';
import { WaitingConnections } from './connectionLimits';
import { appError } from '../../platform/errors';
import { acceptThroughProxy, type ProxyProtocolDoor } from '../../platform/proxyProtocol';
import { recordRefusal } from '../monitor';
import { networkMatcher } from './cidr';
import type { DimseContext } from './context';
import dimse from './dimse';
import { checkDimseShape } from './libraryShape';
import { IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION } from './meta';
import { scpClass } from './scp';

/** PEM key and certificate for DICOM TLS (PS3.15 Annex B.1, "Secure Transport Connection"). */
export interface DimseTls {
  key: Buffer | string;
  cert: Buffer | string;
}

/** A listening DIMSE server. */
export interface DimseListener {
  port: number;
  /** Connections open now, in an association or not (for monitoring and tests). */
  connections(): number;
  /** Stops accepting, lets operations in flight answer (up to `graceMs`), then closes sockets. */
  close(graceMs?: number): Promise<void>;
}

/**
 * Listens for DICOM associations (PS3.8 §9) on `port` (0 = any free port), in plain TCP or TLS.
 * One SCP instance serves each connection; many run concurrently in the one event loop.
 */
export function listen(
  ctx: DimseContext,
  port: number,
  host: string | undefined,
  tlsOptions: DimseTls | undefined,
  trustedProxies: readonly string[] = [],
): Promise<DimseListener> {
  // Refuse to open the door on a dcmjs-dimse whose internals changed under the C-STORE path.
  checkDimseShape();
  dimse.Implementation.setImplementationClassUid(IMPLEMENTATION_CLASS_UID);
  dimse.Implementation.setImplementationVersion(IMPLEMENTATION_VERSION);
  const open = new Set<{ close(): void }>();
  const Scp = scpClass(ctx, open, new WaitingConnections(ctx.limits.pendingPerAddress));
  const scps = new Set<InstanceType<typeof Scp>>();
  const accept = (socket: net.Socket) => {
    const scp = new Scp(socket);
    scps.add(scp);
    scp.on('close', () => scps.delete(scp));
  };
  if (tlsOptions && trustedProxies.length)
    throw new Error('The DICOM TLS door does not read PROXY protocol headers (docs/adr/0049)');
  const server = tlsOptions
    ? tls.createServer(
        {
          key: tlsOptions.key,
          cert: tlsOptions.cert,
          minVersion: 'TLSv1.2',
          // The handshake comes before the A-ASSOCIATE-RQ, so it is held to ARTIM as well.
          handshakeTimeout: ctx.limits.artimMs,
        },
        accept,
      )
    : net.createServer(
        { noDelay: true },
        acceptThroughProxy(proxyDoor(ctx, trustedProxies), accept),
      );
  if (tlsOptions) {
    // The raw TCP socket under TLS: TCP_NODELAY must be set on it, before the handshake.
    server.on('connection', (raw: net.Socket) => raw.setNoDelay(true));
    server.on('tlsClientError', (err: Error) =>
      ctx.logger.warn({ err: err.message }, 'DICOM TLS handshake failed'),
    );
  }
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host }, () => {
      server.off('error', reject);
      server.on('error', (err) => ctx.logger.error({ err }, 'DIMSE listener error'));
      const address = server.address() as net.AddressInfo;
      resolve({
        port: address.port,
        connections: () => open.size,
        close: async (graceMs = 10_000) => {
          const stopped = new Promise<void>((r) => server.close(() => r()));
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([
            Promise.allSettled([...scps].map((s) => s.settled())),
            new Promise((r) => (timer = setTimeout(r, graceMs))),
          ]);
          clearTimeout(timer);
          for (const o of open) o.close();
          await stopped;
        },
      });
    });
  });
}

/** The DICOM door's side of the PROXY protocol: held to ARTIM, refusals on the network monitor. */
function proxyDoor(
  ctx: DimseContext,
  trustedProxies: readonly string[],
): ProxyProtocolDoor | undefined {
  if (trustedProxies.length === 0) return undefined;
  return {
    trusted: networkMatcher(trustedProxies),
    headerTimeoutMs: ctx.limits.artimMs,
    refused: (socket, reason) => {
      ctx.logger.warn({ remote: socket.remoteAddress, reason }, 'DICOM connection refused');
      recordRefusal(ctx.db, {
        door: 'dimse',
        kind: 'association',
        clinicId: null,
        remoteAddress: socket.remoteAddress ?? null,
        error: appError('PROXY_HEADER_MISSING'),
      });
    },
  };
}
