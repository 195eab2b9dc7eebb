import type { Socket } from 'node:net';
import {
  Command,
  IPv4ProxyAddress,
  IPv6ProxyAddress,
  V2ProxyProtocol,
  V2ProxyProtocolParseError,
} from 'proxy-protocol-js';

/**
 * The clinic's own address behind a load balancer on the TCP doors (DICOM, HL7 MLLP): HAProxy's
 * `send-proxy-v2` starts each connection to a node with a PROXY protocol v2 header naming the
 * client (haproxy.org, "The PROXY protocol", §2.2). A connection from a trusted proxy must start
 * with one; its source address then replaces the socket's remote address for everything
 * downstream (per-address limits, allowed networks, refusal records, ingest origins, logs). A
 * header from any other peer is not read: the door sees its bytes as the protocol's own.
 * docs/adr/0049-the-clients-address-through-the-load-balancer.md.
 */

/** The fixed part of a v2 header: 12-byte signature, version/command, family, 16-bit length. */
const FIXED = 16;

/** The v2 signature (§2.2): also the shortest prefix that tells a header from anything else. */
const SIGNATURE = Buffer.from('0d0a0d0a000d0a515549540a', 'hex');

/** What a door needs to take connections from a load balancer. */
export interface ProxyProtocolDoor {
  /** Whether the peer at `address` is a trusted proxy (TELERAD_TRUSTED_PROXIES). */
  trusted(address: string): boolean;
  /** How long a trusted peer may take to send its header before the connection is refused. */
  headerTimeoutMs: number;
  /**
   * A trusted peer's connection that brought no valid header, with why: the door records the
   * refusal. The connection is closed after this returns.
   */
  refused(socket: Socket, reason: string): void;
}

/** What the start of a trusted connection says so far. */
export type HeaderReading =
  | { kind: 'more' }
  | { kind: 'invalid'; reason: string }
  /** The LOCAL command: the proxy's own connection (a health check), no client behind it. */
  | { kind: 'local'; rest: Buffer }
  | { kind: 'proxied'; address: string; port: number; family: 'IPv4' | 'IPv6'; rest: Buffer };

/** Formats 16 address bytes as Node does (`::ffff:a00:1`, compressed). */
function ipv6(bytes: readonly number[]): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return new URL(`http://[${groups.join(':')}]/`).hostname.slice(1, -1);
}

/**
 * Reads a PROXY protocol v2 header at the start of `buf` with `proxy-protocol-js`, which parses
 * a complete header but does not frame one: the framing (signature, then the 16-bit length of
 * what follows the fixed part) is read here so that a header split across TCP chunks waits for
 * its end, and the bytes after it (the first PDU or MLLP frame) are handed back in `rest`.
 */
export function readProxyHeader(buf: Buffer): HeaderReading {
  const seen = Math.min(buf.length, SIGNATURE.length);
  if (!buf.subarray(0, seen).equals(SIGNATURE.subarray(0, seen)))
    return {
      kind: 'invalid',
      reason: 'the connection did not start with a PROXY protocol v2 header',
    };
  if (buf.length < FIXED) return { kind: 'more' };
  const end = FIXED + buf.readUInt16BE(14);
  if (buf.length < end) return { kind: 'more' };
  let header: V2ProxyProtocol;
  try {
    header = V2ProxyProtocol.parse(buf.subarray(0, end));
  } catch (e) {
    const why = e instanceof V2ProxyProtocolParseError ? e.message : String(e);
    return { kind: 'invalid', reason: `the PROXY protocol v2 header is malformed: ${why}` };
  }
  const rest = buf.subarray(end);
  if (header.command === Command.LOCAL) return { kind: 'local', rest };
  const a = header.proxyAddress;
  if (a instanceof IPv4ProxyAddress)
    return {
      kind: 'proxied',
      address: a.sourceAddress.address.join('.'),
      port: a.sourcePort,
      family: 'IPv4',
      rest,
    };
  if (a instanceof IPv6ProxyAddress)
    return {
      kind: 'proxied',
      address: ipv6(a.sourceAddress.address),
      port: a.sourcePort,
      family: 'IPv6',
      rest,
    };
  return { kind: 'invalid', reason: 'the PROXY protocol v2 header names no IPv4 or IPv6 client' };
}

/**
 * The client's address becomes the socket's own: every reader of `socket.remoteAddress`, ours
 * and the protocol libraries', sees the clinic and not the load balancer. An own property
 * shadows `net.Socket`'s prototype getter for this socket only.
 */
function adoptClientAddress(socket: Socket, r: Extract<HeaderReading, { kind: 'proxied' }>): void {
  const fixed = (value: string | number) => ({ value, configurable: true, enumerable: true });
  Object.defineProperties(socket, {
    remoteAddress: fixed(r.address),
    remotePort: fixed(r.port),
    remoteFamily: fixed(r.family),
  });
}

/**
 * Wraps a TCP door's connection handler: connections from trusted proxies are held until their
 * PROXY protocol v2 header has arrived and been read, then handed on with the client's address
 * and the bytes that followed the header put back in front of the stream. LOCAL connections
 * (HAProxy's `check-send-proxy` health checks) close quietly before the door sees them, so they
 * take no ARTIM or per-address slot and leave no refusal. Every other peer goes straight to
 * `accept`, as without a load balancer. `door` undefined: no proxy is trusted.
 */
export function acceptThroughProxy(
  door: ProxyProtocolDoor | undefined,
  accept: (socket: Socket) => void,
): (socket: Socket) => void {
  if (!door) return accept;
  return (socket) => {
    if (!door.trusted(socket.remoteAddress ?? '')) {
      accept(socket);
      return;
    }
    let buf: Buffer = Buffer.alloc(0);
    const stop = () => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('close', onClose);
    };
    const refuse = (reason: string) => {
      stop();
      door.refused(socket, reason);
      socket.destroy();
    };
    const timer = setTimeout(
      () => refuse('no PROXY protocol v2 header arrived in time'),
      door.headerTimeoutMs,
    );
    const onError = () => (stop(), socket.destroy());
    // A proxy's connection that ends before sending anything is a plain TCP check: nothing to
    // refuse. One that ends inside its header is refused like any other without one.
    const onClose = () =>
      buf.length ? refuse('the connection closed inside its PROXY protocol header') : stop();
    const onData = (chunk: Buffer) => {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      const r = readProxyHeader(buf);
      if (r.kind === 'more') return;
      if (r.kind === 'invalid') return refuse(r.reason);
      stop();
      if (r.kind === 'local') {
        socket.destroy();
        return;
      }
      // Paused before the door's own 'data' listeners attach, so nothing after the header is
      // delivered before them, and the bytes after the header come first.
      socket.pause();
      adoptClientAddress(socket, r);
      if (r.rest.length) socket.unshift(r.rest);
      accept(socket);
      socket.resume();
    };
    socket.on('data', onData);
    socket.on('error', onError);
    socket.once('close', onClose);
  };
}
