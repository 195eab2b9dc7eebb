import net, { type AddressInfo, type Socket } from 'node:net';
import { Hl7Connection, type Hl7ErrorEvent, type Hl7MessageEvent } from '@medplum/hl7';
import type { Logger } from 'pino';
import type { Db } from '../../platform/db';
import { appError, type ErrorCode } from '../../platform/errors';
import { acceptThroughProxy } from '../../platform/proxyProtocol';
import { addressKey, networkMatcher } from '../dimse';
import { recordRefusal } from '../monitor';
import { receiveMessage } from './receive';

/**
 * How long and how many MLLP connections may stay open (docs/connection-limits.md): like the
 * DICOM port, the door cannot be held open by a silent or flooding peer.
 */
export interface Hl7DoorLimits {
  /** A connection that sends nothing for this long (ms) is closed. */
  idleMs: number;
  /** Connections open at once from one address (IPv6: its /64); more are closed on arrival. */
  connectionsPerAddress: number;
  /** Connections open at once in all. */
  maxConnections: number;
  /** The largest message (bytes between MLLP start and end blocks); a larger one closes the connection. */
  maxMessageBytes: number;
}

/** Defaults: idle 300 s, 20 connections per address, 500 in all, 1 MiB a message. */
export const DEFAULT_HL7_LIMITS: Hl7DoorLimits = {
  idleMs: 300_000,
  connectionsPerAddress: 20,
  maxConnections: 500,
  maxMessageBytes: 1024 * 1024,
};

/** What the MLLP door needs. */
export interface Hl7ListenerOptions {
  db: Db;
  logger: Logger;
  /** 0 picks a free port (tests). */
  port: number;
  host?: string;
  limits?: Partial<Hl7DoorLimits>;
  /** Load balancers whose PROXY protocol v2 header names the sender (docs/adr/0049). */
  trustedProxies?: readonly string[];
}

/** The open MLLP door. */
export interface Hl7Listener {
  port: number;
  close(): Promise<void>;
}

/** MLLP end block: FS (0x1c) then CR. */
const FS = 0x1c;

/**
 * Opens the HL7 v2 MLLP door (HL7 v2.5 Appendix C, minimal lower layer protocol): each
 * connection is framed and parsed by `@medplum/hl7`'s `Hl7Connection`; each message is answered
 * with its acknowledgement, one at a time per connection, in the order received.
 */
export async function startHl7Listener(opts: Hl7ListenerOptions): Promise<Hl7Listener> {
  const limits = { ...DEFAULT_HL7_LIMITS, ...opts.limits };
  const log = opts.logger.child({ door: 'hl7' });
  const perAddress = new Map<string, number>();
  const open = new Set<Socket>();

  const refuse = (socket: Socket, code: ErrorCode, clinicId: string | null = null) => {
    recordRefusal(opts.db, {
      door: 'hl7',
      kind: 'association',
      clinicId,
      remoteAddress: socket.remoteAddress ?? null,
      error: appError(code),
    });
  };

  const accept = (socket: Socket) => {
    const key = addressKey(socket.remoteAddress ?? '');
    const count = perAddress.get(key) ?? 0;
    if (count >= limits.connectionsPerAddress || open.size >= limits.maxConnections) {
      refuse(socket, 'HL7_CONNECTION_LIMIT');
      socket.destroy();
      return;
    }
    perAddress.set(key, count + 1);
    open.add(socket);
    socket.once('close', () => {
      open.delete(socket);
      const left = (perAddress.get(key) ?? 1) - 1;
      if (left > 0) perAddress.set(key, left);
      else perAddress.delete(key);
    });
    socket.setTimeout(limits.idleMs, () => socket.destroy());
    guardMessageSize(socket, limits.maxMessageBytes, () => {
      refuse(socket, 'HL7_MESSAGE_TOO_LARGE');
      socket.destroy();
    });
    serve(new Hl7Connection(socket), opts.db, log, refuse);
  };
  const proxies = opts.trustedProxies ?? [];
  const server = net.createServer(
    acceptThroughProxy(
      proxies.length
        ? {
            trusted: networkMatcher(proxies),
            headerTimeoutMs: limits.idleMs,
            refused: (socket, reason) => {
              log.warn({ remote: socket.remoteAddress, reason }, 'HL7 connection refused');
              refuse(socket, 'PROXY_HEADER_MISSING');
            },
          }
        : undefined,
      accept,
    ),
  );
  server.on('error', (err) => log.error({ err }, 'HL7 listener error'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  log.info({ port }, 'HL7 v2 (MLLP) listening');
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * Closes a connection whose message under way passes `max` bytes: the parser keeps everything
 * up to the end block in memory, so a peer that never sends one must not grow it without end.
 */
function guardMessageSize(socket: Socket, max: number, tooLarge: () => void): void {
  let pending = 0;
  socket.on('data', (chunk: Buffer) => {
    const end = chunk.lastIndexOf(FS);
    pending = end >= 0 ? chunk.length - end - 1 : pending + chunk.length;
    if (pending > max) tooLarge();
  });
}

/** Answers the messages of one connection, one after another. */
function serve(
  connection: Hl7Connection,
  db: Db,
  log: Logger,
  refuse: (socket: Socket, code: ErrorCode, clinicId?: string | null) => void,
): void {
  const socket = connection.socket;
  let queue = Promise.resolve();
  connection.addEventListener('message', (event: Hl7MessageEvent) => {
    queue = queue.then(async () => {
      const answer = await receiveMessage(db, event.message, {
        remoteAddress: socket.remoteAddress ?? null,
      });
      if (!connection.isClosed()) connection.send(answer.ack);
      const o = answer.outcome;
      if (o.ok) {
        log.info(
          { orders: o.orders.map((x) => ({ id: x.order.id, outcome: x.outcome })) },
          'HL7 order message accepted',
        );
        return;
      }
      if (o.error) log.error({ err: o.error, sender: o.sender }, 'HL7 order message failed');
      recordRefusal(db, {
        door: 'hl7',
        kind: o.problem.ack === 'AR' ? 'association' : 'object',
        clinicId: o.clinicId,
        callingAe: o.sender,
        remoteAddress: socket.remoteAddress ?? null,
        error: { code: o.problem.refusal, message: o.problem.message },
      });
    });
  });
  connection.addEventListener('error', (event: Hl7ErrorEvent) => {
    const err = event.error as Error & { type?: string };
    // Bytes framed as a message that do not start with MSH: nothing to acknowledge them to.
    if (err.type === 'entity.parse.failed') {
      refuse(socket, 'HL7_UNREADABLE');
      socket.destroy();
    } else log.debug({ err }, 'HL7 connection error');
  });
}
